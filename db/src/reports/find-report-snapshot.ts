import type { Kysely } from 'kysely';
import type { DB, ReportSnapshot } from '../schema.ts';

/** The newest stored report of exactly this brand and period, or undefined. Served by `reports_brand_period_idx`. */
export async function findReportSnapshot(
  db: Kysely<DB>,
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
