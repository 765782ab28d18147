import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Platform credentials, sealed with AES-256-GCM under a key derived from EARSHOT_SECRET.
  // `fields` lists the names stored (never values) so the settings page can show them.
  await db.schema
    .createTable('platform_connections')
    .addColumn('platform', 'text', (c) => c.primaryKey())
    .addColumn('sealed_credentials', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('brand_id', 'uuid', (c) => c.references('brands.id').onDelete('cascade'))
    .addColumn('stream_id', 'uuid', (c) => c.references('streams.id').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  // At most one open alert of a kind per stream: raising is idempotent.
  await sql`create unique index alerts_open_stream_idx on alerts (kind, stream_id) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').ifExists().execute();
  await db.schema.dropTable('platform_connections').ifExists().execute();
}
