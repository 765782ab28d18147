import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface ReportSnapshotSummary {
  id: string;
  period_label: string;
  period_start: Date;
  period_end: Date;
  as_of: Date;
  generated_at: Date;
}

/**
 * The brand's reports of finished periods (counted up to the period's end or later), the newest
 * snapshot of each period, newest period first, without their JSON. Snapshots of a period still
 * running (kept so what was shown can be downloaded) are left out. Served by
 * `reports_brand_period_idx` (brand_id, period_start, period_end, generated_at).
 */
export async function listFinalReportSnapshots(db: Database, brandId: string, limit = 200): Promise<ReportSnapshotSummary[]> {
  const result = await sql<ReportSnapshotSummary>`
    select * from (
      select distinct on (period_start, period_end) id, period_label, period_start, period_end, as_of, generated_at
      from reports
      where brand_id = ${brandId} and as_of >= period_end
      order by period_start desc, period_end desc, generated_at desc, id
    ) newest
    order by period_start desc, period_end desc
    limit ${limit}`.execute(db);
  return result.rows;
}
