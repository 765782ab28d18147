import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Whether a notification about this stored report exists (kind 'report', source_id = its id). Scans notifications of the brand's reports; few rows. */
export async function hasReportNotification(db: Kysely<DB>, reportId: string): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('kind', '=', 'report').where('source_id', '=', reportId).executeTakeFirst();
  return row !== undefined;
}
