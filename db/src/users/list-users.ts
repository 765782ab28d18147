import type { User } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every user, disabled ones included, oldest first. Sequential scan: a team is small. */
export async function listUsers(db: Database): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
}
