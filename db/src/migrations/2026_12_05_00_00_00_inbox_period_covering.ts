import { sql, type Kysely } from 'kysely';

// The inbox filtered to a report's figure (a brand-week and a label, an agent or a response
// outcome; tests/bench/inbox). PostgreSQL read the brand-week's rows from the table through
// mentions_brand_posted_idx (brand_id, posted_at) to test the filter: 120-180 ms for the
// largest brand at ten million. The index keeps its key and its name (rollup rebuilds, prune,
// reports and spike explanations keep their plans) and now carries every column those filters
// and the page order read, so the week is read from the index alone (an index-only scan) and
// only the page's rows from the table (inboxPageQuery selects the page's ids first). Still one
// index entry per insert, only wider; every included column is already in another index, so
// no update that was HOT before stops being HOT.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index mentions_brand_posted_cover_idx on mentions (brand_id, posted_at)
    include (sla_due_at, id, status, sentiment, intent, priority, is_spam, platform, topic, first_response_at, first_responder_id)`.execute(db);
  await sql`drop index if exists mentions_brand_posted_idx`.execute(db);
  await sql`alter index mentions_brand_posted_cover_idx rename to mentions_brand_posted_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index mentions_brand_posted_plain_idx on mentions (brand_id, posted_at)`.execute(db);
  await sql`drop index if exists mentions_brand_posted_idx`.execute(db);
  await sql`alter index mentions_brand_posted_plain_idx rename to mentions_brand_posted_idx`.execute(db);
}
