import type { SavedView } from '../schema.ts';
import type { Database } from '../client.ts';

/** A user's saved inbox views, by name. Served by `saved_views_user_name_idx` (user_id, lower(name)). */
export async function listSavedViews(db: Database, userId: string): Promise<SavedView[]> {
  return db.selectFrom('saved_views').selectAll().where('user_id', '=', userId).orderBy((eb) => eb.fn('lower', ['name'])).execute();
}
