import type { User } from '../schema.ts';
import type { Database } from '../client.ts';

/** The user with this id, or undefined. Primary key. */
export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
