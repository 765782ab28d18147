import { sql, type Kysely } from 'kysely';

// SLA alerts (worker/src/sla/run-sla-tick.ts): per brand, open mentions about to breach
// their deadline and already breached, counted once a minute into one open alert per brand.
export async function up(db: Kysely<unknown>): Promise<void> {
  // How long before a deadline a mention counts as "about to breach". 15 minutes: long enough for
  // someone to pick it up after the alert, short enough that the count means "act now". Brands
  // without a policy row get the same (DEFAULT_SLA_ALERT_LEAD_MINUTES in db/src/sla-policies).
  await sql`alter table sla_policies add column alert_lead_minutes integer not null default 15
    constraint sla_policies_alert_lead_check check (alert_lead_minutes between 0 and 1440)`.execute(db);
  // The minute's count reads every open, non-spam mention whose deadline is within the longest
  // lead time, for all brands at once. No partial index on sla_due_at existed: the inbox's
  // mentions_inbox_idx (status, sla_due_at, id) bounds the range, but needs a heap visit per row
  // for brand_id and the spam flags. This one holds only what the count reads (an index-only
  // scan), and only open mentions, so it stays small however many are answered.
  await sql`create index mentions_open_due_idx on mentions (sla_due_at) include (brand_id)
    where status = 'open' and not is_spam and intent <> 'spam'`.execute(db);
  // One open SLA alert per brand: opening is idempotent.
  await sql`create unique index alerts_open_sla_idx on alerts (brand_id) where kind = 'sla' and resolved_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists alerts_open_sla_idx`.execute(db);
  await sql`delete from alerts where kind = 'sla'`.execute(db);
  await sql`drop index if exists mentions_open_due_idx`.execute(db);
  await sql`alter table sla_policies drop column alert_lead_minutes`.execute(db);
}
