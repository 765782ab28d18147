import type { Kysely } from 'kysely';
import type { DB, ReportSnapshot } from '../schema.ts';

/** Stores a generated report as it was shown; returns the stored row. */
export async function insertReportSnapshot(
  db: Kysely<DB>,
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
