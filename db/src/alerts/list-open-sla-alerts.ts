import type { Database } from '../client.ts';
import { SLA_ALERT } from './open-sla-alerts.ts';

/**
 * Every brand's open SLA alert (id, brand, details). Served by `alerts_open_sla_idx` (brand_id)
 * where kind = 'sla' and resolved_at is null: at most one row a brand.
 */
export async function listOpenSlaAlerts(
  db: Database,
): Promise<{ id: string; brand_id: string; details: unknown }[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'brand_id', 'details'])
    .where('kind', '=', SLA_ALERT)
    .where('resolved_at', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, brand_id: r.brand_id!, details: r.details }));
}
