import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createDb, quoteIdent } from './client.ts';
import { migrateToLatest } from './migrate.ts';
import { SearchPathIntrospector } from './introspector.ts';
import { createTestDb, testDatabaseUrl, type TestDb } from './testing/test-db.ts';

describe('SearchPathIntrospector', () => {
  let t: TestDb;
  let other: string;
  let admin: Kysely<unknown>;
  beforeAll(async () => {
    t = await createTestDb();
    admin = createDb({ url: testDatabaseUrl, max: 2 }) as unknown as Kysely<unknown>;
    other = `test_${randomUUID().replaceAll('-', '')}`;
    await sql`create schema ${sql.raw(quoteIdent(other))}`.execute(admin);
    await sql`create table ${sql.raw(quoteIdent(other))}.elsewhere (id serial primary key)`.execute(admin);
  });
  afterAll(async () => {
    await sql`drop schema if exists ${sql.raw(quoteIdent(other))} cascade`.execute(admin);
    await admin.destroy();
    await t.drop();
  });

  it("lists the tables of the connection's own schema, with their columns, and no other schema's", async () => {
    const tables = await t.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(new Set(tables.map((table) => table.schema))).toEqual(new Set([t.schema]));
    const names = tables.map((table) => table.name);
    expect(names).toEqual(expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'mentions', 'brands']));
    expect(names).not.toContain('elsewhere');
    expect((await t.db.introspection.getTables()).map((table) => table.name)).not.toContain('kysely_migration');
    const brands = tables.find((table) => table.name === 'brands')!;
    expect(brands.columns.find((c) => c.name === 'id')).toMatchObject({ dataType: 'uuid', isNullable: false, hasDefaultValue: true, isAutoIncrementing: false });
    expect(brands.columns.find((c) => c.name === 'name')).toMatchObject({ dataType: 'text', isNullable: false });
  });

  it('reads serial columns as auto-incrementing', async () => {
    const db = createDb({ url: testDatabaseUrl, schema: other, max: 1 }) as unknown as Kysely<unknown>;
    const [table] = await new SearchPathIntrospector(db).getTables().finally(() => db.destroy());
    expect(table).toMatchObject({ name: 'elsewhere', schema: other });
    expect(table!.columns).toEqual([expect.objectContaining({ name: 'id', dataType: 'int4', isAutoIncrementing: true })]);
  });

  // The failure this class exists for: Kysely's own introspector looked every schema up again
  // by name, so a schema another session dropped mid-query failed a migration with
  // `schema "…" does not exist` (three test files at once on CI).
  it('migrates while other sessions create and drop schemas beside it', async () => {
    let churning = true;
    const churn = (async () => {
      let rounds = 0;
      while (churning) {
        const name = `test_churn_${randomUUID().replaceAll('-', '')}`;
        await sql`create schema ${sql.raw(quoteIdent(name))}`.execute(admin);
        await sql`create table ${sql.raw(quoteIdent(name))}.t (id serial primary key, a text, b text, c text)`.execute(admin);
        await sql`drop schema ${sql.raw(quoteIdent(name))} cascade`.execute(admin);
        rounds += 1;
      }
      return rounds;
    })();
    try {
      // What the migrator asks before it takes its lock (which every schema's migration shares,
      // so migrating in a loop here would mostly wait on other test files' migrations).
      for (let i = 0; i < 50; i += 1) await t.db.introspection.getTables({ withInternalKyselyTables: true });
      await migrateToLatest(t.db, t.schema);
    } finally {
      churning = false;
    }
    expect(await churn).toBeGreaterThan(5);
    // 50 reads took 7 s on a loaded machine; Kysely's introspector failed within 0.6 s.
  });
});
