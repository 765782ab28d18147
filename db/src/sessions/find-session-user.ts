import { sql, type Kysely } from 'kysely';
import type { DB, User } from '../schema.ts';

/** The user of an unexpired session, or undefined. Primary key lookup on token_hash. */
export async function findSessionUser(db: Kysely<DB>, tokenHash: string): Promise<User | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}
