import { sql, type Kysely } from 'kysely';

// Four roles (viewer < agent < manager < admin), and when each session was last used, so an
// idle session ends without waiting for its absolute expiry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'manager', 'agent', 'viewer'))`.execute(db);
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`)).execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').ifExists().execute();
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
  await sql`update users set role = 'agent' where role in ('manager', 'viewer')`.execute(db);
  await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin', 'agent'))`.execute(db);
}
