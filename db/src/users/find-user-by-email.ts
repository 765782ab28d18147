import type { User } from '../schema.ts';
import type { Database } from '../client.ts';

/** The user with this email (case-insensitive as stored), or undefined. Unique index on email. */
export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}
