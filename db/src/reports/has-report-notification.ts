import type { Database } from '../client.ts';

/** Whether a notification about this stored report exists (kind 'report', source_id = its id). `notifications_source_idx` (kind, source_id). */
export async function hasReportNotification(db: Database, reportId: string): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('kind', '=', 'report').where('source_id', '=', reportId).executeTakeFirst();
  return row !== undefined;
}
