import type { User, UserRole } from '../schema.ts';
import type { Database } from '../client.ts';

/** Creates a user; the password must already be hashed. Unique index on email. */
export async function insertUser(
  db: Database,
  input: { email: string; name: string; passwordHash: string; role: UserRole },
): Promise<User> {
  return db
    .insertInto('users')
    .values({ email: input.email.toLowerCase(), name: input.name, password_hash: input.passwordHash, role: input.role })
    .returningAll()
    .executeTakeFirstOrThrow();
}
