import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { createTestDatabase, type ChildEarshot } from '../support/child-earshot.ts';
import {
  countMentions,
  expectDemoTimelineComplete,
  readiness,
  startDemoPipeline,
} from '../support/demo-timeline.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/start-test-app.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OUTAGE_MS = 30_000;

/**
 * PostgreSQL unreachable for 30 s: Earshot talks to it through a loopback TCP proxy that the
 * test cuts (open connections reset, new ones refused) and restores. The shared cluster never
 * stops. Nothing is restarted: jobs must wait and retry, and the run must catch up completely.
 */
describe('PostgreSQL unreachable for 30 seconds', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let proxy: TcpProxy;
  const prefix = testPrefix();
  const children: ChildEarshot[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    // The test observes PostgreSQL directly, around the proxy.
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await proxy?.close();
    await db?.destroy();
    await database?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  const count = () => countMentions(db);

  it('waits, says PostgreSQL is down, recovers by itself and catches up with nothing lost', async () => {
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const url = await startDemoPipeline(children, {
      databaseUrl: proxied.toString(),
      redisUrl: testRedisUrl,
      prefix,
    });

    await waitFor('first mentions', async () => (await count()) >= 40, 30_000);
    const storedBefore = (await db.selectFrom('mentions').select('external_id').execute()).map(
      (m) => m.external_id,
    );

    await proxy.cut();
    const cutAt = Date.now();
    const down = await waitFor(
      '/readyz to report PostgreSQL down',
      async () => {
        const r = await readiness(url);
        return r.status === 503 ? r.body : undefined;
      },
      10_000,
    );
    expect(down.status).toBe('degraded');
    expect(down.dependencies.postgresql.status).toBe('down');
    expect(down.dependencies.redis.status).toBe('up');
    expect(down.message).toMatch(/^PostgreSQL has not answered since /);
    // Nothing reaches PostgreSQL during the cut: the count stands still.
    const duringCut = await count();
    await sleep(OUTAGE_MS - (Date.now() - cutAt) - 2_000);
    const late = await readiness(url);
    expect(late.status).toBe(503);
    expect(late.body.dependencies.postgresql.since).toBe(down.dependencies.postgresql.since);
    expect(await count()).toBe(duringCut);
    await sleep(OUTAGE_MS - (Date.now() - cutAt));

    await proxy.restore();
    const restoredAt = new Date();
    await waitFor('/readyz to recover', async () => (await readiness(url)).status === 200, 15_000);
    await waitFor(
      'polling and analysis to continue',
      async () => (await count()) > duringCut + 50,
      45_000,
    );
    // Caught up: the posts made during the outage are stored, and so are posts made after it.
    const newestPostedAt = async () => {
      const row = await db
        .selectFrom('mentions')
        .select((eb) => eb.fn.max('posted_at').as('at'))
        .executeTakeFirstOrThrow();
      return row.at ? new Date(row.at).getTime() : 0;
    };
    await waitFor(
      'the backlog of the outage to be caught up',
      async () => (await newestPostedAt()) > restoredAt.getTime(),
      45_000,
    );
    console.info(
      `caught up ${((Date.now() - restoredAt.getTime()) / 1000).toFixed(1)} s after the restore`,
    );
    // Both processes (collectors + worker, and web) lived through it.
    expect(children).toHaveLength(2);
    for (const child of children) expect(child.process.exitCode, child.output()).toBeNull();

    const last = await expectDemoTimelineComplete(db);
    expect(last).toBeGreaterThan(storedBefore.length + 50);
    const storedAfter = new Set(
      (await db.selectFrom('mentions').select('external_id').execute()).map((m) => m.external_id),
    );
    expect(storedBefore.filter((id) => !storedAfter.has(id))).toEqual([]);
  }, 115_000);
});
