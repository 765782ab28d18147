import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createDb, quoteIdent } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Database } from '../client.ts';

/** Where tests find PostgreSQL and Redis. The only place tests read the environment. */
export const testDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDb {
  db: Database;
  schema: string;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/** A freshly migrated schema of its own, so tests run in parallel and leave nothing behind. */
export async function createTestDb(): Promise<TestDb> {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const admin = createDb({ url: testDatabaseUrl, max: 1 });
  await sql`create schema ${sql.raw(quoteIdent(schema))}`.execute(admin);
  await admin.destroy();
  const db = createDb({ url: testDatabaseUrl, schema, max: 5 });
  await migrateToLatest(db, schema);
  return {
    db,
    schema,
    async drop() {
      await db.destroy();
      const cleanup = createDb({ url: testDatabaseUrl, max: 1 });
      await sql`drop schema if exists ${sql.raw(quoteIdent(schema))} cascade`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}

/** A unique BullMQ prefix with a hash tag, for one test's queues. */
export function testPrefix(): string {
  return `{test-${randomUUID()}}`;
}
