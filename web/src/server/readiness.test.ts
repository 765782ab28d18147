import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, JobBus, pingDatabase, type Database } from '@earshot/db';
import { testDatabaseUrl, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { Readiness } from './readiness.ts';

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Real drivers against the real services and against a port where nothing answers.
describe('Readiness', () => {
  let db: Database;
  let deadDb: Database;
  let bus: JobBus;
  let deadBus: JobBus;

  beforeAll(async () => {
    const port = await closedPort();
    const deadUrl = new URL(testDatabaseUrl);
    deadUrl.port = String(port);
    db = createDb({ url: testDatabaseUrl, max: 1 });
    deadDb = createDb({ url: deadUrl.toString(), max: 1 });
    bus = new JobBus({ redisUrl: testRedisUrl, prefix: testPrefix() });
    deadBus = new JobBus({ redisUrl: `redis://127.0.0.1:${port}`, prefix: testPrefix() });
  });
  afterAll(async () => {
    await Promise.all([db.destroy(), deadDb.destroy(), bus.close(), deadBus.close()]);
  });

  it('lists a read replica, and stays ready while only the replica is down', async () => {
    const readiness = new Readiness({ postgresql: () => pingDatabase(db), redis: () => bus.ping(), replica: () => pingDatabase(deadDb) });
    expect(readiness.replicaDown()).toBe(false);
    const result = await readiness.check();
    expect(result.status).toBe('ready');
    expect(result.dependencies.replica?.status).toBe('down');
    expect(result.message).toMatch(/^PostgreSQL and Redis both answer: Earshot is ready\. The PostgreSQL read replica \(EARSHOT_DATABASE_READ_URL\) has not answered since /);
    expect(result.message).toMatch(/read from the primary until it answers again\.$/);
    expect(readiness.replicaDown()).toBe(true);

    const healthy = new Readiness({ postgresql: () => pingDatabase(db), redis: () => bus.ping(), replica: () => pingDatabase(db) });
    expect((await healthy.check()).dependencies.replica?.status).toBe('up');
    expect(healthy.replicaDown()).toBe(false);
    const none = await new Readiness({ postgresql: () => pingDatabase(db), redis: () => bus.ping() }).check();
    expect(none.dependencies.replica).toBeUndefined();
  });

  it('is ready when PostgreSQL and Redis both answer', async () => {
    const result = await new Readiness({ postgresql: () => pingDatabase(db), redis: () => bus.ping() }).check();
    expect(result.status).toBe('ready');
    expect(result.dependencies.postgresql.status).toBe('up');
    expect(result.dependencies.redis.status).toBe('up');
  });

  it('names the dependency that does not answer, and keeps the time it went down', async () => {
    const readiness = new Readiness({ postgresql: () => pingDatabase(db), redis: () => deadBus.ping() });
    const first = await readiness.check();
    expect(first.status).toBe('degraded');
    expect(first.dependencies.postgresql.status).toBe('up');
    expect(first.dependencies.redis.status).toBe('down');
    expect(first.message).toMatch(/^Redis has not answered since /);
    expect(first.message).not.toMatch(/PostgreSQL has not/);
    await new Promise((r) => setTimeout(r, 1_100));
    const second = await readiness.check();
    expect(second.checkedAt).not.toBe(first.checkedAt);
    expect(second.dependencies.redis.since).toBe(first.dependencies.redis.since);
  });

  it('reports PostgreSQL down within the timeout', async () => {
    const started = Date.now();
    const result = await new Readiness({ postgresql: () => pingDatabase(deadDb), redis: () => bus.ping() }, 1_000).check();
    expect(Date.now() - started).toBeLessThan(1_800);
    expect(result.status).toBe('degraded');
    expect(result.dependencies.postgresql.status).toBe('down');
    expect(result.dependencies.redis.status).toBe('up');
    expect(result.dependencies.postgresql.message).toMatch(/^PostgreSQL has not answered since .*: .+/);
  });

  it('counts a check that hangs as down after the timeout', async () => {
    const result = await new Readiness({ postgresql: () => new Promise(() => undefined), redis: () => bus.ping() }, 300).check();
    expect(result.dependencies.postgresql.status).toBe('down');
    expect(result.dependencies.postgresql.message).toContain('no answer within 0.3 s');
  });
});
