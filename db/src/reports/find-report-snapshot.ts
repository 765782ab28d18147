import type { ReportSnapshot } from '../schema.ts';
import type { Database } from '../client.ts';

/** The newest stored report of exactly this brand and period, or undefined. Served by `reports_brand_period_idx`. */
export async function findReportSnapshot(
  db: Database,
  q: { brandId: string; periodStart: Date; periodEnd: Date },
): Promise<ReportSnapshot | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('brand_id', '=', q.brandId)
    .where('period_start', '=', q.periodStart)
    .where('period_end', '=', q.periodEnd)
    .orderBy('generated_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
