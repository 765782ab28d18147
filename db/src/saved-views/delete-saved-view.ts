import type { Database } from '../client.ts';

/** Deletes one of the user's own saved views; whether there was one. Primary key lookup. */
export async function deleteSavedView(db: Database, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
