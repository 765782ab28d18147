import { sql, type Kysely } from 'kysely';

// The team inbox: more statuses (pending with a follow-up time, ignored), assignment, and the
// history of every status change (who and when).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mentions drop constraint mentions_status_check`.execute(db);
  await sql`alter table mentions add constraint mentions_status_check
    check (status in ('open', 'pending', 'answered', 'closed', 'ignored'))`.execute(db);
  await sql`alter table mentions
    add column assignee_id uuid references users (id) on delete set null,
    add column follow_up_at timestamptz,
    add constraint mentions_follow_up_check check (status = 'pending' or follow_up_at is null)`.execute(db);
  await sql`alter table users add column away boolean not null default false`.execute(db);
  // Automatic assignment per brand: null is off; else each agent holds at most this many open mentions.
  await sql`alter table brands add column auto_assign_cap integer
    constraint brands_auto_assign_cap_check check (auto_assign_cap between 1 and 1000)`.execute(db);

  // "Mine" (and "assigned to Ana") and "unassigned", each keyset-paginated on (sla_due_at, id)
  // within a status like mentions_inbox_idx. Two partial indexes instead of one on
  // (assignee_id, status, …): the unassigned one is the big one and needs no assignee column.
  await sql`create index mentions_assignee_inbox_idx on mentions (assignee_id, status, sla_due_at, id)
    where assignee_id is not null`.execute(db);
  await sql`create index mentions_unassigned_inbox_idx on mentions (status, sla_due_at, id)
    where assignee_id is null`.execute(db);
  // The worker's follow-up tick: pending mentions whose follow-up time has come.
  await sql`create index mentions_follow_up_idx on mentions (follow_up_at) where status = 'pending'`.execute(db);

  await sql`create table mention_status_changes (
    id bigint generated always as identity primary key,
    mention_id uuid not null references mentions (id) on delete cascade,
    brand_id uuid not null,
    from_status text not null,
    to_status text not null,
    -- Null when the system did it (a follow-up time came, a reply was published by the collectors).
    user_id uuid references users (id) on delete set null,
    follow_up_at timestamptz,
    at timestamptz not null default now()
  )`.execute(db);
  await sql`create index mention_status_changes_mention_idx on mention_status_changes (mention_id, at)`.execute(db);

  // In-app notices for one user (a follow-up time came on their mention), apart from
  // `notifications`, which are a brand's alerts and reports delivered to channels.
  await sql`create table user_notices (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id) on delete cascade,
    kind text not null,
    mention_id uuid references mentions (id) on delete cascade,
    text text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`.execute(db);
  await sql`create index user_notices_user_idx on user_notices (user_id, created_at desc)`.execute(db);

  // Internal notes on a mention: for the team, never published.
  await sql`create table mention_notes (
    id uuid primary key default gen_random_uuid(),
    mention_id uuid not null references mentions (id) on delete cascade,
    user_id uuid references users (id) on delete set null,
    text text not null,
    mentioned_user_ids uuid[] not null default '{}',
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index mention_notes_mention_idx on mention_notes (mention_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mention_notes`.execute(db);
  await sql`drop table user_notices`.execute(db);
  await sql`drop table mention_status_changes`.execute(db);
  await sql`drop index if exists mentions_follow_up_idx`.execute(db);
  await sql`drop index if exists mentions_unassigned_inbox_idx`.execute(db);
  await sql`drop index if exists mentions_assignee_inbox_idx`.execute(db);
  await sql`alter table brands drop column auto_assign_cap`.execute(db);
  await sql`alter table users drop column away`.execute(db);
  await sql`update mentions set status = 'open' where status in ('pending', 'ignored')`.execute(db);
  await sql`alter table mentions drop constraint mentions_follow_up_check, drop column follow_up_at, drop column assignee_id`.execute(db);
  await sql`alter table mentions drop constraint mentions_status_check`.execute(db);
  await sql`alter table mentions add constraint mentions_status_check check (status in ('open', 'answered', 'closed'))`.execute(db);
}
