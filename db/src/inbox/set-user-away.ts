import type { Database } from '../client.ts';

/** Marks the user away (automatic assignment skips them) or back. Primary key. */
export async function setUserAway(db: Database, userId: string, away: boolean): Promise<void> {
  await db.updateTable('users').set({ away }).where('id', '=', userId).execute();
}
