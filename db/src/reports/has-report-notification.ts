import type { Database } from '../client.ts';

/** Whether a notification about this stored report exists (kind 'report', source_id = its id). Scans notifications of the brand's reports; few rows. */
export async function hasReportNotification(db: Database, reportId: string): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('kind', '=', 'report').where('source_id', '=', reportId).executeTakeFirst();
  return row !== undefined;
}
