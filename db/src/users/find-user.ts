import type { Kysely } from 'kysely';
import type { DB, User } from '../schema.ts';

/** The user with this email (case-insensitive as stored), or undefined. Unique index on email. */
export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** How many users exist: zero means the first start has not created the admin yet. */
export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
