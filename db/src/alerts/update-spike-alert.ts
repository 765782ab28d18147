import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertStatus } from '../schema.ts';

export interface SpikeAlertChange {
  status: AlertStatus;
  message: string;
  peak: number;
  total: number;
  /**
   * The new details. Without an `explanation` key, the stored `details.explanation` (what drives
   * the storm, costly to compute, so not recomputed every minute) is kept, and its `summary`
   * stays at the end of the message.
   */
  details: Record<string, unknown>;
}

/**
 * Updates the rule's latest spike alert: grows an open one, closes it (`resolved_at` set), or
 * reopens the last closed one (a storm back within its cooldown) unless a person closed it.
 * Returns its id and the `total` its stored explanation was computed at (null when it has
 * none), or null when the rule has no alert. Served by `alerts_rule_created_idx` (rule_id, created_at desc).
 */
export async function updateSpikeAlert(
  db: Database,
  ruleId: string,
  change: SpikeAlertChange,
): Promise<{ id: string; explainedTotal: number | null } | null> {
  const fresh = 'explanation' in change.details;
  const details = JSON.stringify(change.details);
  const row = await db
    .updateTable('alerts')
    .set({
      message: fresh
        ? change.message
        : sql<string>`${change.message} || coalesce(' ' || nullif(details -> 'explanation' ->> 'summary', ''), '')`,
      peak: change.peak,
      total: change.total,
      details: fresh
        ? details
        : sql`${details}::jsonb || case when details ? 'explanation' then jsonb_build_object('explanation', details -> 'explanation') else '{}'::jsonb end`,
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
    .returning(['id', sql<number | null>`(details -> 'explanation' ->> 'total')::int`.as('explained_total')])
    .executeTakeFirst();
  return row ? { id: row.id, explainedTotal: row.explained_total } : null;
}
