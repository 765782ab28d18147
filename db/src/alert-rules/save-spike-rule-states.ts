import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface SpikeRuleStateUpdate {
  ruleId: string;
  state: unknown;
  lastMinute: Date;
}

/**
 * Stores the detector's state of many rules in one statement (an upsert from arrays), so a
 * tick over 10,000 rules is one round trip. Returns how many rows were written. Served by
 * the primary key of alert_rule_states.
 */
export async function saveSpikeRuleStates(
  db: Database,
  updates: readonly SpikeRuleStateUpdate[],
): Promise<number> {
  if (updates.length === 0) return 0;
  const result = await sql`
    insert into alert_rule_states (rule_id, state, last_minute, updated_at)
    select u.rule_id, u.state, u.last_minute, now()
    from unnest(${updates.map((u) => u.ruleId)}::uuid[], ${updates.map((u) => JSON.stringify(u.state))}::jsonb[], ${updates.map((u) => u.lastMinute)}::timestamptz[])
      as u (rule_id, state, last_minute)
    on conflict (rule_id) do update set state = excluded.state, last_minute = excluded.last_minute, updated_at = now()`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}
