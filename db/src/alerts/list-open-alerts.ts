import type { Database } from '../client.ts';
import type { Alert } from '../schema.ts';

/** Open alerts, newest first. Served by a scan of the small open set. */
export async function listOpenAlerts(db: Database): Promise<Alert[]> {
  return db.selectFrom('alerts').selectAll().where('resolved_at', 'is', null).orderBy('created_at', 'desc').limit(100).execute();
}
