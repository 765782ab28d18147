import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertRule } from '../schema.ts';

export interface AlertRuleChange {
  name?: string;
  /** The knobs, already validated against AlertRuleSchema by the caller. */
  rule?: unknown;
  enabled?: boolean;
}

/**
 * Changes a spike rule's name, knobs or whether it runs; returns it, or undefined when there is
 * no such rule. The detector keeps its learnt state across edits (a new window length starts
 * afresh, see run-spike-tick.ts). Served by the primary key.
 */
export async function updateAlertRule(
  db: Database,
  id: string,
  change: AlertRuleChange,
): Promise<AlertRule | undefined> {
  return db
    .updateTable('alert_rules')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.rule !== undefined ? { rule: JSON.stringify(change.rule) } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
