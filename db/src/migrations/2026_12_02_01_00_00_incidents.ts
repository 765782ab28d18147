import { sql, type Kysely } from 'kysely';

// Incidents (worker/src/incidents): a spike alert groups the mentions behind it, so the team can
// answer them together. An incident is open while its alert is (alerts.resolved_at is null).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table incidents (
    id uuid primary key default gen_random_uuid(),
    alert_id uuid not null unique references alerts (id) on delete cascade,
    brand_id uuid not null references brands (id) on delete cascade,
    -- The driving phrases and hashtags a mention must use to join (empty: every mention the
    -- rule's metric counts), and that metric's label ({"sentiment": "negative"} …).
    terms jsonb not null default '[]',
    match jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- Tighter deadlines while open: new mentions' targets are multiplied by the factor.
    deadline_factor real constraint incidents_deadline_factor_check check (deadline_factor > 0 and deadline_factor < 1),
    deadline_since timestamptz,
    deadline_set_by uuid references users (id) on delete set null,
    -- The holding reply last sent to its mentions (offered again for the ones that join later).
    holding_text text
  )`.execute(db);
  // The analyze transaction reads a brand's incidents on every page.
  await sql`create index incidents_brand_idx on incidents (brand_id)`.execute(db);
  await sql`create table incident_mentions (
    incident_id uuid not null references incidents (id) on delete cascade,
    mention_id uuid not null references mentions (id) on delete cascade,
    joined_at timestamptz not null default now(),
    primary key (incident_id, mention_id)
  )`.execute(db);
  await sql`create index incident_mentions_mention_idx on incident_mentions (mention_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists incident_mentions`.execute(db);
  await sql`drop table if exists incidents`.execute(db);
}
