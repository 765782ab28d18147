import { sql, type Kysely } from 'kysely';

// Spike alerts (worker/src/spikes): rules per brand, the detector's state per rule between
// ticks, and spike alerts in `alerts` with their status, size and explanation.
//
// Every brand has a default rule for negative mentions, so alerts work before anyone
// configures them: existing brands get it here, new ones from a trigger on `brands` (every
// way a brand is created gets it, including SQL by hand).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert_rules (
      id uuid primary key default gen_random_uuid(),
      brand_id uuid not null references brands (id) on delete cascade,
      name text not null,
      -- The rule's knobs as AlertRuleSchema reads them (worker/src/spikes/rule.ts): metric,
      -- windowMinutes, sensitivity, raw knobs, cooldownMinutes, closeAfterMinutes.
      rule jsonb not null,
      enabled boolean not null default true,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One default rule a brand: the trigger and this migration may both try.
  await sql`create unique index alert_rules_default_idx on alert_rules (brand_id) where is_default`.execute(
    db,
  );
  await sql`create index alert_rules_brand_idx on alert_rules (brand_id)`.execute(db);

  await sql`
    create function alert_rules_add_default() returns trigger language plpgsql as $$
    begin
      insert into alert_rules (brand_id, name, rule, is_default)
      values (new.id, 'Negative mentions spike', '{"metric": "negative"}'::jsonb, true)
      on conflict (brand_id) where is_default do nothing;
      return new;
    end $$`.execute(db);
  await sql`create trigger brands_default_alert_rule after insert on brands for each row execute function alert_rules_add_default()`.execute(
    db,
  );
  await sql`
    insert into alert_rules (brand_id, name, rule, is_default)
    select id, 'Negative mentions spike', '{"metric": "negative"}'::jsonb, true from brands
    on conflict (brand_id) where is_default do nothing`.execute(db);

  // What the detector remembers per rule between ticks (BrandSpikeState as JSON, ~1 kB), and
  // the last minute it judged, so a repeated tick for the same minute changes nothing.
  await sql`
    create table alert_rule_states (
      rule_id uuid primary key references alert_rules (id) on delete cascade,
      state jsonb not null,
      last_minute timestamptz not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  // Spike alerts live beside the stream-failure ones: rule_id set, status open or closed
  // (derived from resolved_at, so every kind of alert and every writer agrees), when the storm
  // started, its peak minute and total mentions, and the explanation (observed vs baseline,
  // factor, window) in details.
  await sql`
    alter table alerts
      add column rule_id uuid references alert_rules (id) on delete cascade,
      add column status text generated always as (case when resolved_at is null then 'open' else 'closed' end) stored,
      add column started_at timestamptz,
      add column peak integer,
      add column total integer,
      add column details jsonb,
      add column updated_at timestamptz not null default now()`.execute(db);
  // One open spike alert per rule; the latest alert of a rule is what a tick updates.
  await sql`create unique index alerts_open_rule_idx on alerts (rule_id) where resolved_at is null and rule_id is not null`.execute(
    db,
  );
  await sql`create index alerts_rule_created_idx on alerts (rule_id, created_at desc) where rule_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists alerts_rule_created_idx`.execute(db);
  await sql`drop index if exists alerts_open_rule_idx`.execute(db);
  await sql`delete from alerts where rule_id is not null`.execute(db);
  await sql`alter table alerts drop column rule_id, drop column status, drop column started_at, drop column peak, drop column total, drop column details, drop column updated_at`.execute(
    db,
  );
  await sql`drop table if exists alert_rule_states`.execute(db);
  await sql`drop trigger if exists brands_default_alert_rule on brands`.execute(db);
  await sql`drop function if exists alert_rules_add_default()`.execute(db);
  await sql`drop table if exists alert_rules`.execute(db);
}
