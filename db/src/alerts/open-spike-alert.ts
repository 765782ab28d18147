import type { Database } from '../client.ts';

export const SPIKE_ALERT = 'spike';

export interface NewSpikeAlert {
  ruleId: string;
  brandId: string;
  message: string;
  startedAt: Date;
  peak: number;
  total: number;
  details: unknown;
}

/**
 * Opens a spike alert for a rule and returns its id, or null if the rule already has an open
 * one (`alerts_open_rule_idx`: one open spike alert per rule, so opening is idempotent).
 */
export async function openSpikeAlert(db: Database, alert: NewSpikeAlert): Promise<string | null> {
  const row = await db
    .insertInto('alerts')
    .values({
      kind: SPIKE_ALERT,
      brand_id: alert.brandId,
      rule_id: alert.ruleId,
      message: alert.message,
      started_at: alert.startedAt,
      peak: alert.peak,
      total: alert.total,
      details: JSON.stringify(alert.details),
    })
    .onConflict((oc) =>
      oc
        .column('rule_id')
        .where('resolved_at', 'is', null)
        .where('rule_id', 'is not', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
