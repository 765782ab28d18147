import { sql, type Kysely } from 'kysely';

// What people do with an alert, and what the detector learns from it:
// - acknowledged (someone is on it) and handled (resolved, or marked "false alarm"), each with
//   who and when, as columns on alerts: one alert has at most one of each, and the history
//   list reads them with the alert, no join.
// - a rule's false-alarm hours: the hours of the week (0 = Sunday 00:00 UTC … 167) its alerts
//   were marked false alarm in, with the last time and how many times, as jsonb on alert_rules
//   ({"37": {"at": "2026-…", "n": 1}}). The live tick reads it with the rule it already reads
//   (no extra query per tick) and raises the rule's threshold in those hours, decaying over weeks.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table alerts
      add column acknowledged_at timestamptz,
      add column acknowledged_by uuid references users (id) on delete set null,
      add column outcome text check (outcome in ('resolved', 'false_alarm')),
      add column handled_at timestamptz,
      add column handled_by uuid references users (id) on delete set null`.execute(db);
  // The alert history of a brand, newest first, keyset-paginated on (created_at, id).
  await sql`create index alerts_brand_created_idx on alerts (brand_id, created_at desc, id desc)`.execute(db);
  await sql`alter table alert_rules add column false_alarm_hours jsonb not null default '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table alert_rules drop column if exists false_alarm_hours`.execute(db);
  await sql`drop index if exists alerts_brand_created_idx`.execute(db);
  await sql`
    alter table alerts
      drop column if exists acknowledged_at,
      drop column if exists acknowledged_by,
      drop column if exists outcome,
      drop column if exists handled_at,
      drop column if exists handled_by`.execute(db);
}
