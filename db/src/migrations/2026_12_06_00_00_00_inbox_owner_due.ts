import { sql, type Kysely } from 'kysely';

// "All" of one stream, or of one person's mentions, in deadline order (tests/bench/inbox). With
// only (stream_id, status, …) and (assignee_id, status, …), PostgreSQL walked the whole table's
// deadline order and tested each row: 81 ms for the smallest brand's Bluesky stream at ten
// million (154,000 rows read for 51), and for a teammate with a handful of mentions the walk
// reads the whole table. These yield the stream's or the person's rows in deadline order, as
// mentions_brand_due_idx does for a brand. The status ones stay: an open view of a stream or
// person would otherwise step over years of answered rows. stream_id never changes, and
// assignee_id is in an index already, so no update that was HOT stops being HOT.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index mentions_stream_due_idx on mentions (stream_id, sla_due_at, id)`.execute(db);
  await sql`create index mentions_assignee_due_idx on mentions (assignee_id, sla_due_at, id) where assignee_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists mentions_assignee_due_idx`.execute(db);
  await sql`drop index if exists mentions_stream_due_idx`.execute(db);
}
