import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from './testing/test-db.ts';
import { migrateToLatest } from './migrate.ts';

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.drop());

  it('creates every table in the test schema and is idempotent', async () => {
    await migrateToLatest(t.db, t.schema);
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = ${t.schema} order by 1`.execute(t.db);
    const names = rows.rows.map((r) => r.table_name);
    for (const table of ['brands', 'mentions', 'replies', 'sessions', 'streams', 'users', 'sla_policies']) {
      expect(names).toContain(table);
    }
  });
});
