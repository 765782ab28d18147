import type { Database } from '../client.ts';

/** Ends every session of a user ("sign out everywhere"); returns how many ended. Index sessions_user_idx. */
export async function deleteUserSessions(db: Database, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
