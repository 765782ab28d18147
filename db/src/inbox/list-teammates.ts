import type { UserRole } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every user who has not been disabled, by name, with whether they are away. Sequential scan of users (a team, not a table of millions). */
export async function listTeammates(db: Database): Promise<{ id: string; name: string; role: UserRole; away: boolean }[]> {
  return db.selectFrom('users').select(['id', 'name', 'role', 'away']).where('disabled_at', 'is', null).orderBy('name').orderBy('id').execute();
}
