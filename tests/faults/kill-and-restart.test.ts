import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type Database } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { createTestDatabase, startChildEarshot, type ChildEarshot } from '../support/child-earshot.ts';
import { waitFor } from '../support/start-test-app.ts';

/**
 * The demo timeline is deterministic, so "nothing lost" is exact: once the stream's cursor
 * stands at N, the stored mentions must be demo-0 … demo-N, each once.
 */
describe('no mention is lost or stored twice when processes die, Redis forgets and PostgreSQL blips', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  const prefix = testPrefix();
  const children: ChildEarshot[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb({ url: database.url, max: 2, applicationName: 'earshot-test-observer' });
    // Migrated once here, so the two first processes start together without waiting on the migration lock.
    await migrateToLatest(db);
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      EARSHOT_QUEUE_PREFIX: prefix,
      EARSHOT_DEMO: 'on',
      EARSHOT_DEMO_PER_MINUTE: '1800',
      EARSHOT_REQUEUE_AFTER_MS: '3000',
      EARSHOT_ADMIN_PASSWORD: 'not-used-in-this-test',
      PORT: '0',
    };
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await db?.destroy();
    await database?.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from mentions`.execute(db)).rows[0]!.n);
  const start = async (role: string) => {
    // The limit catches a start that hangs; on a loaded machine a healthy one can take 30 s.
    const child = await startChildEarshot([role], env, { startTimeoutMs: 90_000 });
    children.push(child);
    return child;
  };

  it('recovers every mention through kills, a Redis wipe and cut database connections', async () => {
    const [collectors1, worker1] = await Promise.all([start('collectors'), start('worker')]);
    await waitFor('first mentions', async () => (await count()) >= 40);

    // A worker dies mid-batch; another takes over and stores more.
    await worker1.kill();
    await start('worker');
    const afterWorker = await count();
    await waitFor('the new worker to store mentions', async () => (await count()) > afterWorker, 45_000);

    // The collector dies, perhaps between queueing pages and saving the cursor; the new one polls.
    await collectors1.kill();
    const restartedAt = new Date();
    await start('collectors');
    const afterCollectors = await count();
    await waitFor('the new collectors to poll and hand over mentions', async () => {
      const stream = await db.selectFrom('streams').select('last_success_at').executeTakeFirstOrThrow();
      return stream.last_success_at !== null && stream.last_success_at > restartedAt && (await count()) > afterCollectors;
    }, 45_000);

    // Redis restarts empty (it keeps nothing on disk here): queues, schedulers, everything. The
    // database is cut while the roles are still finding that out.
    await deleteRedisPrefix(testRedisUrl, prefix);

    // PostgreSQL drops every Earshot connection.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = ${database.name} and application_name = 'earshot' and pid <> pg_backend_pid()`.execute(db);

    const before = await count();
    await waitFor('polling to continue after the faults', async () => (await count()) > before + 50, 45_000);

    // Freeze the stream, then let the pipeline drain.
    await db.updateTable('streams').set({ enabled: false }).execute();
    await waitFor(
      'the stream to stop and every collected page to be analyzed',
      async () => {
        const stream = await db.selectFrom('streams').select(['cursor', 'poll_lease_until']).executeTakeFirstOrThrow();
        const pages = await db.selectFrom('collected_pages').select('id').execute();
        return stream.poll_lease_until === null && pages.length === 0 ? stream : undefined;
      },
      60_000,
    );
    const stream = await db.selectFrom('streams').select('cursor').executeTakeFirstOrThrow();
    const last = Number(stream.cursor);
    const ids = (await db.selectFrom('mentions').select('external_id').execute()).map((m) => m.external_id);
    const expected = Array.from({ length: last + 1 }, (_, i) => `demo-${i}`);
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(last).toBeGreaterThan(100);
  }, 180_000);
});
