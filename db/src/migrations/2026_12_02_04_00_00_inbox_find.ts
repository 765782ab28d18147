import { sql, type Kysely } from 'kysely';

// Finding anything in the inbox (issue #11): search over mention text and author, tags, saved
// views, and an index behind each filter the inbox offers.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Search is pg_trgm (trigram) matching with ILIKE, not tsvector full-text search: mentions come
  // in every language (a text search configuration stems one language and leaves the rest as is),
  // agents search for handles, order numbers and word fragments ("refun", "@acme_hel"), which
  // full-text search only finds as whole lexemes, and the same index serves text and author.
  // pg_trgm is a trusted extension (PostgreSQL 13+): the owner of the database can create it
  // without being a superuser. It lives in `public` (not the migration's schema, which tests drop
  // with CASCADE), and the one in place is reused wherever it is; its operator class is then named
  // with its schema, since the search path may hold only the app's schema.
  // The lock: migrations of several schemas at once (tests) would race on creating it.
  await sql`select pg_advisory_xact_lock(hashtext('earshot:create extension pg_trgm'))`.execute(db);
  const existing = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (existing.rows.length === 0) await sql`create extension pg_trgm schema public`.execute(db);
  const schema = existing.rows[0]?.schema ?? 'public';
  const opclass = sql.raw(`${schema === 'public' ? 'public' : `"${schema.replaceAll('"', '""')}"`}.gin_trgm_ops`);
  // One expression, text then handle then name, so a search word may match any of them and a
  // condition written as this expression (SEARCH_EXPRESSION in db/src/mentions) uses the index.
  await sql`create index mentions_search_trgm_idx on mentions using gin
    ((text || ' ' || author_handle || ' ' || coalesce(author_name, '')) ${opclass})`.execute(db);

  // The "All" view sorted the whole table by deadline (p95 720 ms at two million): this index
  // yields it in order, so a page reads a page.
  await sql`create index mentions_due_idx on mentions (sla_due_at, id)`.execute(db);
  // A stream's inbox, in deadline order; also what deleting a stream's mentions goes through.
  await sql`create index mentions_stream_inbox_idx on mentions (stream_id, status, sla_due_at, id)`.execute(db);
  // A date range across all brands (the brand's own range has mentions_brand_posted_idx).
  await sql`create index mentions_posted_idx on mentions (posted_at)`.execute(db);

  await sql`create table tags (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 40),
    color text,
    created_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now()
  )`.execute(db);
  // A tag's name is unique however it is capitalised: "Refund" and "refund" are one tag.
  await sql`create unique index tags_name_idx on tags (lower(name))`.execute(db);

  await sql`create table mention_tags (
    mention_id uuid not null references mentions(id) on delete cascade,
    tag_id uuid not null references tags(id) on delete cascade,
    tagged_by uuid references users(id) on delete set null,
    tagged_at timestamptz not null default now(),
    primary key (mention_id, tag_id)
  )`.execute(db);
  // The tag filter: a tag's mentions.
  await sql`create index mention_tags_tag_idx on mention_tags (tag_id, mention_id)`.execute(db);

  // A user's saved inbox views: a name and the inbox URL's search ("?status=open&tag=…").
  await sql`create table saved_views (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    name text not null check (length(name) between 1 and 60),
    search text not null check (length(search) <= 2000),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create unique index saved_views_user_name_idx on saved_views (user_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists saved_views`.execute(db);
  await sql`drop table if exists mention_tags`.execute(db);
  await sql`drop table if exists tags`.execute(db);
  await sql`drop index if exists mentions_posted_idx`.execute(db);
  await sql`drop index if exists mentions_stream_inbox_idx`.execute(db);
  await sql`drop index if exists mentions_due_idx`.execute(db);
  await sql`drop index if exists mentions_search_trgm_idx`.execute(db);
  // The extension stays: other schemas in the database may use it.
}
