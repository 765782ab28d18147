import { sql, type Kysely } from 'kysely';

// Every open dashboard asks for the open alerts (GET /api/alerts, newest first, at most 100),
// and alerts are kept as history: without this, each ask scanned every alert ever raised to
// find the few still open. The partial index holds only the open ones, in the order asked for.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists alerts_open_created_idx on alerts (created_at desc) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists alerts_open_created_idx`.execute(db);
}
