import type { ReportSnapshot } from '../schema.ts';
import type { Database } from '../client.ts';

/** Stores a generated report as it was shown; returns the stored row. */
export async function insertReportSnapshot(
  db: Database,
  row: {
    brandId: string;
    periodLabel: string;
    periodStart: Date;
    periodEnd: Date;
    asOf: Date;
    report: unknown;
  },
): Promise<ReportSnapshot> {
  return db
    .insertInto('reports')
    .values({
      brand_id: row.brandId,
      period_label: row.periodLabel,
      period_start: row.periodStart,
      period_end: row.periodEnd,
      as_of: row.asOf,
      report: JSON.stringify(row.report),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
