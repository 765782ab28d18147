import { sql, type Kysely } from 'kysely';

// The inbox at ten million mentions (tests/bench/inbox). "All" (no status) and "All" for one
// brand had no index in deadline order: every such page sorted the whole table, or the whole
// brand (seconds at 10M). With these, every inbox page is a walk of an index in
// (sla_due_at, id) order that stops after one page (see inboxPageQuery).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists mentions_due_idx on mentions (sla_due_at, id)`.execute(db);
  await sql`create index if not exists mentions_brand_due_idx on mentions (brand_id, sla_due_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists mentions_brand_due_idx`.execute(db);
  await sql`drop index if exists mentions_due_idx`.execute(db);
}
