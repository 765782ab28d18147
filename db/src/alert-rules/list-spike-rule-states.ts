import type { Database } from '../client.ts';

export interface SpikeRuleStateRow {
  rule_id: string;
  brand_id: string;
  brand_created_at: Date;
  /** The rule's knobs, unvalidated (AlertRuleSchema in worker/src/spikes/rule.ts reads them). */
  rule: unknown;
  /** The detector's state after the last tick, or null before the first. */
  state: unknown;
  last_minute: Date | null;
  /** Hours of the week its alerts were marked false alarm in (worker/src/spikes/false-alarms.ts). */
  false_alarm_hours: unknown;
}

/**
 * Every enabled spike rule with its brand's creation time and the detector's stored state:
 * what one detection tick works through. A sequential scan of alert_rules joined by primary
 * keys (one row per rule; a few per brand).
 */
export async function listSpikeRuleStates(db: Database): Promise<SpikeRuleStateRow[]> {
  return db
    .selectFrom('alert_rules as r')
    .innerJoin('brands as b', 'b.id', 'r.brand_id')
    .leftJoin('alert_rule_states as s', 's.rule_id', 'r.id')
    .select([
      'r.id as rule_id',
      'r.brand_id',
      'b.created_at as brand_created_at',
      'r.rule',
      's.state',
      's.last_minute',
      'r.false_alarm_hours',
    ])
    .where('r.enabled', '=', true)
    .orderBy('r.id')
    .execute();
}
