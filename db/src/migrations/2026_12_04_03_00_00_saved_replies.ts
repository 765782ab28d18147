import { sql, type Kysely } from 'kysely';

// Saved replies (issue #11): texts an agent inserts from the reply box with "/", with
// {{author}}, {{brand}} and {{agent}} filled in by the dashboard. A reply either serves every
// brand (brand_id null) or one brand; deleting the brand deletes its saved replies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table saved_replies (
    id uuid primary key default gen_random_uuid(),
    brand_id uuid references brands(id) on delete cascade,
    title text not null check (length(title) between 1 and 80),
    body text not null check (length(body) between 1 and 5000),
    created_by uuid references users(id) on delete set null,
    updated_by uuid references users(id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  // The list (all of them, or one brand's plus the every-brand ones), in title order. Few rows
  // per install (tens to hundreds), so one index on the brand serves both.
  await sql`create index saved_replies_brand_title_idx on saved_replies (brand_id, lower(title))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists saved_replies`.execute(db);
}
