import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Marks the user away (automatic assignment skips them) or back. Primary key. */
export async function setUserAway(db: Kysely<DB>, userId: string, away: boolean): Promise<void> {
  await db.updateTable('users').set({ away }).where('id', '=', userId).execute();
}
