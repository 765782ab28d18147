import { sql } from 'kysely';
import type { SavedView } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Saves a user's inbox view under a name; saving a name the user already has (ignoring case)
 * replaces that view's filters. Served by `saved_views_user_name_idx`.
 */
export async function saveView(db: Database, userId: string, name: string, search: string): Promise<SavedView> {
  return db
    .insertInto('saved_views')
    .values({ user_id: userId, name, search })
    .onConflict((oc) => oc.expression(sql`user_id, lower(name)`).doUpdateSet({ name, search }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
