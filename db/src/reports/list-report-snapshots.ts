import type { Database } from '../client.ts';

/** The brand's stored reports, newest period first, without their JSON. Served by `reports_brand_period_idx`. */
export async function listReportSnapshots(
  db: Database,
  brandId: string,
  limit = 100,
): Promise<
  {
    id: string;
    period_label: string;
    period_start: Date;
    period_end: Date;
    as_of: Date;
    generated_at: Date;
  }[]
> {
  return db
    .selectFrom('reports')
    .select(['id', 'period_label', 'period_start', 'period_end', 'as_of', 'generated_at'])
    .where('brand_id', '=', brandId)
    .orderBy('period_start', 'desc')
    .orderBy('generated_at', 'desc')
    .limit(limit)
    .execute();
}
