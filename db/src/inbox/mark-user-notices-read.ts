import type { Database } from '../client.ts';

/** Marks all of the user's notices read. Served by `user_notices_user_idx`. */
export async function markUserNoticesRead(db: Database, userId: string, at = new Date()): Promise<void> {
  await db.updateTable('user_notices').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
