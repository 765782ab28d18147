import type { Kysely } from 'kysely';
import type { DB, User } from '../schema.ts';

/** Every user, disabled ones included, oldest first. Sequential scan: a team is small. */
export async function listUsers(db: Kysely<DB>): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
}
