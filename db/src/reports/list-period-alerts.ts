import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface PeriodAlert {
  id: string;
  kind: string;
  message: string;
  /** When it started (a spike's first minute, else when it was raised). */
  startedAt: Date;
  resolvedAt: Date | null;
  peak: number | null;
  total: number | null;
}

/**
 * The brand's alerts (spikes, failing streams, …) open at any time in [start, end), earliest
 * first, at most `limit`: what the report marks on its daily chart. Reads the brand's alerts by
 * `alerts_brand_created_idx` (brand_id, created_at); a brand's alerts are few.
 */
export async function listPeriodAlerts(db: Database, q: { brandId: string; start: Date; end: Date; limit: number }): Promise<PeriodAlert[]> {
  const result = await sql<PeriodAlert>`
    select id, kind, message, coalesce(started_at, created_at) as "startedAt", resolved_at as "resolvedAt", peak, total
    from alerts
    where brand_id = ${q.brandId} and coalesce(started_at, created_at) < ${q.end} and (resolved_at is null or resolved_at >= ${q.start})
    order by 4, id
    limit ${q.limit}
  `.execute(db);
  return result.rows;
}
