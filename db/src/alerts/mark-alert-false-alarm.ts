import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Hours of a storm marked at most: a day-long storm should not blunt the rule all day. */
export const FALSE_ALARM_MAX_HOURS = 6;

/**
 * A person marks an alert a false alarm: it closes with who and when, and its rule remembers
 * the hours of the week the storm ran in (from its start, at most FALSE_ALARM_MAX_HOURS), so
 * the live tick raises that rule's threshold in those hours (worker/src/spikes/false-alarms.ts).
 * One statement: the alert and the rule change together. Marking the same alert again changes
 * nothing (it is counted once); a resolved alert may still be re-marked a false alarm.
 * Returns the hours of the week marked (0 = Sunday 00:00 UTC), or null when there is no
 * such alert. Primary keys of alerts and alert_rules.
 */
export async function markAlertFalseAlarm(
  db: Database,
  id: string,
  userId: string,
): Promise<number[] | null> {
  const exists = await db.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) return null;
  const { rows } = await sql<{ hour_of_week: number }>`
    with marked as (
      update alerts set
        outcome = 'false_alarm', handled_at = now(), handled_by = ${userId}::uuid,
        resolved_at = coalesce(resolved_at, now()), updated_at = now()
      where id = ${id} and outcome is distinct from 'false_alarm'
      returning rule_id, coalesce(started_at, created_at) as started, resolved_at
    ), hours as (
      select distinct (extract(dow from h at time zone 'UTC') * 24 + extract(hour from h at time zone 'UTC'))::int as hour_of_week
      from marked m,
        generate_series(
          date_trunc('hour', m.started, 'UTC'),
          least(m.resolved_at, m.started + make_interval(hours => ${FALSE_ALARM_MAX_HOURS - 1})),
          interval '1 hour') as h
      where m.rule_id is not null
    ), rule as (
      update alert_rules r set false_alarm_hours = r.false_alarm_hours || (
        select jsonb_object_agg(hw.hour_of_week::text, jsonb_build_object(
          'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          'n', coalesce((r.false_alarm_hours -> hw.hour_of_week::text ->> 'n')::int, 0) + 1))
        from hours hw)
      from marked m
      where r.id = m.rule_id and exists (select 1 from hours)
      returning r.id
    )
    select hour_of_week from hours, (select count(*) from rule) as done order by hour_of_week`.execute(db);
  return rows.map((r) => r.hour_of_week);
}
