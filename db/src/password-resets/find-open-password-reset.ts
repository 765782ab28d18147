import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** The user an open reset link belongs to (unused, unexpired, user enabled), or undefined. Unique index on token_hash. */
export async function findOpenPasswordReset(db: Database, tokenHash: string): Promise<{ userId: string; email: string } | undefined> {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id as userId', 'u.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}
