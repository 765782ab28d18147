import type { Database } from '../client.ts';
import type { AlertRule } from '../schema.ts';

/** One spike rule by id, or undefined. Served by the primary key. */
export async function findAlertRule(db: Database, id: string): Promise<AlertRule | undefined> {
  return db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
}
