import { sql, type Kysely } from 'kysely';

// Mention counts per brand, stream, platform and UTC minute / hour, by sentiment and intent:
// what spike alerts and weekly reports read instead of scanning `mentions`. Replaces
// `mention_rollups` (per brand and minute, sentiment only, read by nobody).
//
// The SQL is written out here rather than imported from src/rollups/: a shipped migration must
// do the same thing forever, whatever the live code becomes.
const COUNTS = `
  count(*)::int,
  (count(*) filter (where sentiment = 'negative'))::int,
  (count(*) filter (where sentiment = 'neutral'))::int,
  (count(*) filter (where sentiment = 'positive'))::int,
  (count(*) filter (where intent = 'complaint'))::int,
  (count(*) filter (where intent = 'question'))::int,
  (count(*) filter (where intent = 'praise'))::int,
  (count(*) filter (where intent = 'other'))::int,
  (count(*) filter (where intent = 'spam'))::int`;
const COLUMNS = 'total, negative, neutral, positive, complaint, question, praise, other, spam';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rollup_minutes', 'rollup_hours']) {
    // stream_id has no foreign key: mentions keep their stream_id (set null only if a stream row
    // were deleted, which nothing does today), and a cascade here would collide with the
    // (brand, null stream) row of the same bucket. A rebuild folds any such rows back.
    await sql`
      create table ${sql.table(table)} (
        brand_id uuid not null references brands (id) on delete cascade,
        stream_id uuid,
        platform text not null,
        bucket timestamptz not null,
        total integer not null default 0,
        negative integer not null default 0,
        neutral integer not null default 0,
        positive integer not null default 0,
        complaint integer not null default 0,
        question integer not null default 0,
        praise integer not null default 0,
        other integer not null default 0,
        spam integer not null default 0,
        -- Every mention has exactly one sentiment: a drift here is a bug, caught at write time.
        constraint ${sql.raw(`${table}_sentiments_check`)} check (negative >= 0 and neutral >= 0 and positive >= 0 and total = negative + neutral + positive)
      )`.execute(db);
    // The key, with bucket second so the same index serves a brand's range reads
    // (brand_id = $1 and bucket between …). NULLS NOT DISTINCT: mentions without a stream
    // share one row per bucket, and ON CONFLICT finds it.
    await sql`create unique index ${sql.raw(`${table}_key`)} on ${sql.table(table)} (brand_id, bucket, stream_id, platform) nulls not distinct`.execute(db);
    // "Every brand between two buckets": the detector's per-minute tick over all brands.
    await sql`create index ${sql.raw(`${table}_bucket_idx`)} on ${sql.table(table)} (bucket)`.execute(db);
  }

  // Rebuilds recount a brand's day from mentions; without this they would scan the brand's
  // whole history per day. Reports reading a brand's week of mentions use it too.
  await sql`create index if not exists mentions_brand_posted_idx on mentions (brand_id, posted_at)`.execute(db);

  await sql`
    insert into rollup_minutes (brand_id, stream_id, platform, bucket, ${sql.raw(COLUMNS)})
    select brand_id, stream_id, platform, date_trunc('minute', posted_at, 'UTC'), ${sql.raw(COUNTS)}
    from mentions
    group by 1, 2, 3, 4`.execute(db);
  await sql`
    insert into rollup_hours (brand_id, stream_id, platform, bucket, ${sql.raw(COLUMNS)})
    select brand_id, stream_id, platform, date_trunc('hour', bucket, 'UTC'),
      ${sql.raw(COLUMNS.split(', ').map((c) => `sum(${c})::int`).join(', '))}
    from rollup_minutes
    group by 1, 2, 3, 4`.execute(db);

  await sql`drop table mention_rollups`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mention_rollups (
      brand_id uuid not null references brands (id) on delete cascade,
      minute timestamptz not null,
      total integer not null default 0,
      negative integer not null default 0,
      neutral integer not null default 0,
      positive integer not null default 0,
      constraint mention_rollups_pkey primary key (brand_id, minute)
    )`.execute(db);
  await sql`
    insert into mention_rollups (brand_id, minute, total, negative, neutral, positive)
    select brand_id, bucket, sum(total)::int, sum(negative)::int, sum(neutral)::int, sum(positive)::int
    from rollup_minutes
    group by 1, 2`.execute(db);
  await sql`drop index if exists mentions_brand_posted_idx`.execute(db);
  await sql`drop table rollup_hours`.execute(db);
  await sql`drop table rollup_minutes`.execute(db);
}
