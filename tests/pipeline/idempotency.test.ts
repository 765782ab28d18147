import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapterRegistry, createDemoAdapter, handlePollStream } from '@earshot/collectors';
import { ensureBrand, insertStream, JobBus, silentLogger, type Runtime } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { handleAnalyzeMentions } from '@earshot/worker';
import { KNOWN_SAMPLE } from '../support/known-mentions.ts';

describe('re-polling and re-analyzing store each mention once', () => {
  let t: TestDb;
  let runtime: Runtime;
  const prefix = testPrefix();

  beforeAll(async () => {
    t = await createTestDb();
    runtime = { db: t.db, bus: new JobBus({ redisUrl: testRedisUrl, prefix }), logger: silentLogger };
  });
  afterAll(async () => {
    await runtime.bus.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('a crash before the cursor moved re-reads the page; the analyze stage drops the duplicates', async () => {
    const brand = await ensureBrand(t.db, 'Demo Air');
    const stream = await insertStream(t.db, {
      brandId: brand.id,
      platform: 'demo',
      name: 's',
      query: { startedAt: new Date().toISOString(), perMinute: 0.1, backlog: KNOWN_SAMPLE.length },
    });
    const deps = {
      runtime,
      adapters: createAdapterRegistry([createDemoAdapter({ db: t.db, sample: KNOWN_SAMPLE })]),
    };

    const first = await handlePollStream(deps, { streamId: stream.id });
    expect(first).toMatchObject({ status: 'polled', fetched: KNOWN_SAMPLE.length, pages: 1 });
    // As if the process died after queueing but before saving the cursor.
    await t.db.updateTable('streams').set({ cursor: null }).where('id', '=', stream.id).execute();
    const second = await handlePollStream(deps, { streamId: stream.id });
    expect(second).toMatchObject({ status: 'polled', fetched: KNOWN_SAMPLE.length });
    // And a normal re-poll finds nothing new.
    const third = await handlePollStream(deps, { streamId: stream.id });
    expect(third).toMatchObject({ status: 'polled', fetched: 0 });

    const pages = await t.db.selectFrom('collected_pages').select('id').execute();
    expect(pages).toHaveLength(2);

    const a = await handleAnalyzeMentions(runtime, { pageId: pages[0]!.id });
    expect(a.inserted).toHaveLength(KNOWN_SAMPLE.length);
    // The same job again: the page is gone, nothing happens.
    const again = await handleAnalyzeMentions(runtime, { pageId: pages[0]!.id });
    expect(again).toEqual({ inserted: [], found: false });
    // The re-read page: every mention already stored.
    const b = await handleAnalyzeMentions(runtime, { pageId: pages[1]!.id });
    expect(b).toEqual({ inserted: [], found: true });

    const mentions = await t.db.selectFrom('mentions').select(['external_id']).execute();
    expect(mentions.map((m) => m.external_id).sort()).toEqual(KNOWN_SAMPLE.map((_, i) => `demo-${i}`).sort());
    const rollup = await t.db
      .selectFrom('rollup_minutes')
      .select((eb) => eb.fn.sum<number>('total').as('total'))
      .executeTakeFirstOrThrow();
    expect(Number(rollup.total)).toBe(KNOWN_SAMPLE.length);
    const left = await t.db.selectFrom('collected_pages').select('id').execute();
    expect(left).toHaveLength(0);
  });
});
