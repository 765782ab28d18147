import type { Database } from '../client.ts';
import { selectAlertViews, type AlertView } from './alert-view.ts';

/** One alert with its rule's name and who acted on it, or undefined. Served by the primary key. */
export async function findAlert(db: Database, id: string): Promise<AlertView | undefined> {
  return selectAlertViews(db).where('a.id', '=', id).executeTakeFirst();
}
