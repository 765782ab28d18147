import type { Kysely } from 'kysely';
import type { DB, SavedView } from '../schema.ts';

/** A user's saved inbox views, by name. Served by `saved_views_user_name_idx` (user_id, lower(name)). */
export async function listSavedViews(db: Kysely<DB>, userId: string): Promise<SavedView[]> {
  return db.selectFrom('saved_views').selectAll().where('user_id', '=', userId).orderBy((eb) => eb.fn('lower', ['name'])).execute();
}
