import { sql } from 'kysely';
import type { Database } from '../client.ts';

export const SLA_ALERT = 'sla';

export interface NewSlaAlert {
  brandId: string;
  message: string;
  startedAt: Date;
  total: number;
  details: unknown;
}

/**
 * Opens SLA alerts for many brands in one statement and returns the ids of those opened by
 * brand; a brand that already has an open one is left out (`alerts_open_sla_idx`: one open SLA
 * alert per brand, so opening is idempotent).
 */
export async function openSlaAlerts(db: Database, alerts: NewSlaAlert[]): Promise<Map<string, string>> {
  if (alerts.length === 0) return new Map();
  const values = sql.join(
    alerts.map(
      (a) =>
        sql`(${a.brandId}::uuid, ${a.message}, ${a.startedAt}::timestamptz, ${a.total}::int, ${JSON.stringify(a.details)}::jsonb)`,
    ),
  );
  const { rows } = await sql<{ id: string; brand_id: string }>`
    insert into alerts (kind, brand_id, message, started_at, total, details)
    select ${SLA_ALERT}, v.brand_id, v.message, v.started_at, v.total, v.details
    from (values ${values}) as v(brand_id, message, started_at, total, details)
    on conflict (brand_id) where kind = ${sql.lit(SLA_ALERT)} and resolved_at is null do nothing
    returning id, brand_id`.execute(db);
  return new Map(rows.map((r) => [r.brand_id, r.id]));
}
