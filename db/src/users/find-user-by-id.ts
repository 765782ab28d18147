import type { Kysely } from 'kysely';
import type { DB, User } from '../schema.ts';

/** The user with this id, or undefined. Primary key. */
export async function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
