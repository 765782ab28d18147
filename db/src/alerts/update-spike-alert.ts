import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertStatus } from '../schema.ts';

export interface SpikeAlertChange {
  status: AlertStatus;
  message: string;
  peak: number;
  total: number;
  details: unknown;
}

/**
 * Updates the rule's latest spike alert: grows an open one, closes it (`resolved_at` set), or
 * reopens the last closed one (a storm back within its cooldown) unless a person closed it. Returns its id, or null
 * when the rule has no alert. Served by `alerts_rule_created_idx` (rule_id, created_at desc).
 */
export async function updateSpikeAlert(
  db: Database,
  ruleId: string,
  change: SpikeAlertChange,
): Promise<string | null> {
  const row = await db
    .updateTable('alerts')
    .set({
      message: change.message,
      peak: change.peak,
      total: change.total,
      details: JSON.stringify(change.details),
      updated_at: sql<Date>`now()`,
      // A person's decision stands: an alert resolved or marked false alarm by someone stays
      // closed while the storm the detector still sees grows (it is still recorded here).
      resolved_at:
        change.status === 'closed'
          ? sql<Date>`coalesce(resolved_at, now())`
          : sql<Date | null>`case when outcome is null then null else resolved_at end`,
    })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('alerts')
        .select('id')
        .where('rule_id', '=', ruleId)
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
