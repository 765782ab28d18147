import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '@earshot/db';
import { testPrefix } from '@earshot/db/testing';
import { createTestDatabase, type ChildEarshot } from '../support/child-earshot.ts';
import {
  countMentions,
  expectDemoTimelineComplete,
  readiness,
  startDemoPipeline,
} from '../support/demo-timeline.ts';
import { startRedisProcess, type RedisProcess } from '../support/redis-process.ts';
import { waitFor } from '../support/start-test-app.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Redis as a process dies (kill -9) mid-stream and comes back on the same port: a redis-server
 * of this test's own, never the shared one. The roles are not restarted: they must reconnect
 * by themselves, and the demo timeline must still be complete, each mention once.
 */
describe('a Redis process killed and restarted mid-stream', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let redis: RedisProcess;
  const children: ChildEarshot[] = [];

  beforeAll(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), startRedisProcess()]);
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await db?.destroy();
    await database?.drop();
    await redis?.remove();
  });

  const count = () => countMentions(db);

  it('reconnects every role by itself, loses nothing stored, and converges to the full timeline', async () => {
    const url = await startDemoPipeline(children, {
      databaseUrl: database.url,
      redisUrl: redis.url,
      prefix: testPrefix(),
    });

    await waitFor('first mentions', async () => (await count()) >= 40, 30_000);
    const storedBefore = (await db.selectFrom('mentions').select('external_id').execute()).map(
      (m) => m.external_id,
    );

    await redis.kill();
    const down = await waitFor(
      '/readyz to report Redis down',
      async () => {
        const r = await readiness(url);
        return r.status === 503 ? r.body : undefined;
      },
      15_000,
    );
    expect(down.status).toBe('degraded');
    expect(down.dependencies.redis.status).toBe('down');
    expect(down.dependencies.postgresql.status).toBe('up');
    expect(down.message).toMatch(/^Redis has not answered since /);
    await sleep(3_000);

    await redis.start();
    const restoredAt = new Date();
    await waitFor('/readyz to recover', async () => (await readiness(url)).status === 200, 20_000);
    const after = await count();
    await waitFor(
      'polling and analysis to continue',
      async () => (await count()) > after + 50,
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
  }, 110_000);
});
