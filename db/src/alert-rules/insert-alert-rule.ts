import type { Database } from '../client.ts';
import type { AlertRule } from '../schema.ts';

export interface NewAlertRule {
  brandId: string;
  name: string;
  /** The knobs, already validated against AlertRuleSchema by the caller. */
  rule: unknown;
  enabled?: boolean;
}

/** Creates a spike rule for a brand and returns it. The next detection tick picks it up. */
export async function insertAlertRule(db: Database, rule: NewAlertRule): Promise<AlertRule> {
  return db
    .insertInto('alert_rules')
    .values({
      brand_id: rule.brandId,
      name: rule.name,
      rule: JSON.stringify(rule.rule),
      enabled: rule.enabled ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
