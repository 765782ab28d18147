import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Gives an open reset request (unused, unexpired, its user enabled) the hash of a new token and
 * returns whom to mail it to; undefined when it is no longer open. A retried job makes a new
 * token, so only the newest link mailed works. Primary keys of password_resets and users.
 */
export async function setPasswordResetToken(
  db: Database,
  resetId: string,
  tokenHash: string,
): Promise<{ email: string; name: string; expiresAt: Date } | undefined> {
  return db
    .updateTable('password_resets')
    .from('users')
    .set({ token_hash: tokenHash })
    .whereRef('users.id', '=', 'password_resets.user_id')
    .where('password_resets.id', '=', resetId)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .returning(['users.email', 'users.name', 'password_resets.expires_at as expiresAt'])
    .executeTakeFirst();
}
