import type { ReportSnapshot } from '../schema.ts';
import { insertReportSnapshot } from '../reports/insert-report-snapshot.ts';
import type { Database } from '../client.ts';

/**
 * Stores the report of a period that is still running (counted up to `asOf`, before the
 * period's end) in place of the brand's earlier ones of that period, in one transaction, so
 * asking for this week every few minutes keeps one row. Finished-period snapshots are never
 * touched. Returns the stored row. Served by `reports_brand_period_idx`.
 */
export async function replacePartialReportSnapshot(
  db: Database,
  row: { brandId: string; periodLabel: string; periodStart: Date; periodEnd: Date; asOf: Date; report: unknown },
): Promise<ReportSnapshot> {
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('reports')
      .where('brand_id', '=', row.brandId)
      .where('period_start', '=', row.periodStart)
      .where('period_end', '=', row.periodEnd)
      .whereRef('as_of', '<', 'period_end')
      .execute();
    return insertReportSnapshot(trx, row);
  });
}
