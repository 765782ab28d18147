import type { Database } from '../client.ts';

export const SLA_ALERT = 'sla';

/**
 * Opens a brand's SLA alert and returns its id, or null when the brand already has an open one
 * (`alerts_open_sla_idx`: one open SLA alert per brand, so opening is idempotent).
 */
export async function openSlaAlert(
  db: Database,
  alert: { brandId: string; message: string; startedAt: Date; total: number; details: unknown },
): Promise<string | null> {
  const row = await db
    .insertInto('alerts')
    .values({
      kind: SLA_ALERT,
      brand_id: alert.brandId,
      message: alert.message,
      started_at: alert.startedAt,
      total: alert.total,
      details: JSON.stringify(alert.details),
    })
    .onConflict((oc) =>
      oc.column('brand_id').where('kind', '=', SLA_ALERT).where('resolved_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
