import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ConfigSchema, startEarshot, type Earshot, type Role } from 'earshot';
import { createDb, quoteIdent, silentLogger, type Database, type JobBus, type Logger } from '@earshot/db';
import { deleteRedisPrefix, testDatabaseUrl, testPrefix, testRedisUrl } from '@earshot/db/testing';
import type { PlatformAdapter } from '@earshot/collectors';

export interface TestApp {
  url: string;
  adminEmail: string;
  adminPassword: string;
  /** EARSHOT_SECRET of this app. */
  secret: string;
  db: Database;
  bus: JobBus;
  schema: string;
  prefix: string;
  /** Identifies this app's PostgreSQL connections, for tests that cut them. */
  applicationName: string;
  earshot: Earshot;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  roles?: Role[];
  /** Demo pace; fast by default so tests do not wait. */
  demoPerMinute?: number;
  demo?: 'on' | 'off';
  adapters?: (db: Database) => PlatformAdapter[];
  logger?: Logger;
  /** Extra configuration variables, as the environment would give them. */
  env?: Record<string, string>;
  /** How long POST /api/reports waits for a worker (default 20 s). */
  timings?: { reportWaitMs?: number };
}

/**
 * Every role in this process on a fresh schema and queue prefix, the web server on a free
 * port. `stop()` drops the schema and the Redis keys, leaving nothing behind.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const prefix = testPrefix();
  const adminPassword = `pw-${randomUUID()}`;
  const applicationName = `earshot-test-${randomUUID().slice(0, 8)}`;
  const secret = `secret-${randomUUID()}-${randomUUID()}`;
  const config = ConfigSchema.parse({
    EARSHOT_SECRET: secret,
    DATABASE_URL: testDatabaseUrl,
    REDIS_URL: testRedisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    EARSHOT_QUEUE_PREFIX: prefix,
    EARSHOT_ADMIN_EMAIL: 'admin@example.test',
    EARSHOT_ADMIN_PASSWORD: adminPassword,
    EARSHOT_DEMO: options.demo ?? 'on',
    EARSHOT_DEMO_PER_MINUTE: String(options.demoPerMinute ?? 120),
    ...options.env,
  });
  const earshot = await startEarshot(config, {
    roles: options.roles ?? ['web', 'worker', 'collectors'],
    logger: options.logger ?? silentLogger,
    schema,
    applicationName,
    timings: { syncIntervalMs: 1_000, sweepIntervalMs: 1_000, stuckAfterMs: 3_000, brandModelCheckMs: 1_000, brandModelTtlMs: 500, ...options.timings },
    ...(options.adapters ? { adapters: options.adapters } : {}),
  });
  return {
    url: earshot.url ?? '',
    adminEmail: config.EARSHOT_ADMIN_EMAIL,
    adminPassword,
    secret,
    db: earshot.runtime.db,
    bus: earshot.runtime.bus,
    schema,
    prefix,
    applicationName,
    earshot,
    async stop() {
      await earshot.stop();
      await dropTestState(schema, prefix);
    },
  };
}

/** Drops a test schema and its queue keys. */
export async function dropTestState(schema: string, prefix: string): Promise<void> {
  const admin = createDb({ url: testDatabaseUrl, max: 1 });
  await sql`drop schema if exists ${sql.raw(quoteIdent(schema))} cascade`.execute(admin);
  await admin.destroy();
  await deleteRedisPrefix(testRedisUrl, prefix);
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
