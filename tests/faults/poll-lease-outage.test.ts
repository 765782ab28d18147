import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapterRegistry, createDemoAdapter, handlePollStream } from '@earshot/collectors';
import { createDb, ensureBrand, insertStream, JobBus, leaseStream, silentLogger, type Database } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testDatabaseUrl, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { KNOWN_SAMPLE } from '../support/known-mentions.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

/**
 * PostgreSQL vanishes in the middle of a poll, after the stream was leased: the poll cannot
 * store its page nor record its failure. When PostgreSQL is back the lease must be given
 * back at once; otherwise nobody polls the stream until the lease expires (5 minutes).
 */
describe('a poll cut off from PostgreSQL after taking its lease', () => {
  let t: TestDb;
  let proxy: TcpProxy;
  let proxiedDb: Database;
  let bus: JobBus;
  const prefix = testPrefix();

  beforeAll(async () => {
    t = await createTestDb();
    const target = new URL(testDatabaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(testDatabaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    proxiedDb = createDb({ url: proxied.toString(), schema: t.schema, max: 2 });
    bus = new JobBus({ redisUrl: testRedisUrl, prefix });
  });
  afterAll(async () => {
    await bus?.close();
    await proxiedDb?.destroy();
    await proxy?.close();
    await t?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('gives the lease back when PostgreSQL returns, so the next poll runs and reads the page', async () => {
    const brand = await ensureBrand(t.db, 'Demo Air');
    const stream = await insertStream(t.db, {
      brandId: brand.id,
      platform: 'demo',
      name: 's',
      query: { startedAt: new Date().toISOString(), perMinute: 0.1, backlog: KNOWN_SAMPLE.length },
    });
    const demo = createDemoAdapter({ db: t.db, sample: KNOWN_SAMPLE });
    let cutOnce = true;
    const adapter: typeof demo = {
      ...demo,
      async *poll(input) {
        if (cutOnce) {
          // The lease is taken; now PostgreSQL goes away for 3 s, mid-poll.
          cutOnce = false;
          await proxy.cut();
          setTimeout(() => void proxy.restore(), 3_000);
        }
        return yield* demo.poll(input);
      },
    };
    const deps = { runtime: { db: proxiedDb, bus, logger: silentLogger }, adapters: createAdapterRegistry([adapter]) };

    const started = Date.now();
    const outcome = await handlePollStream(deps, { streamId: stream.id });
    expect(outcome.status).toBe('failed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    const after = await t.db.selectFrom('streams').select(['poll_lease_until', 'cursor', 'last_error']).executeTakeFirstOrThrow();
    expect(after.poll_lease_until).toBeNull();
    expect(after.cursor).toBeNull();
    expect(after.last_error).toMatch(/The next poll will try again/);

    // Nothing was skipped: the next poll reads every post of the failed one.
    const next = await handlePollStream(deps, { streamId: stream.id });
    expect(next).toMatchObject({ status: 'polled', fetched: KNOWN_SAMPLE.length });
    expect(await leaseStream(t.db, stream.id, 1_000)).toBeDefined();
  }, 30_000);
});
