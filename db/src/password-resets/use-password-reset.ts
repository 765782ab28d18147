import { sql } from 'kysely';
import type { User } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Uses an open reset link: in one transaction marks it (and every other open reset of the user)
 * used, sets the new password and ends all the user's sessions. Undefined when the link is not
 * open (used, expired, unknown, user disabled): a link works once, even when used twice at once.
 * Unique index on token_hash, then password_resets_user_idx and sessions_user_idx.
 */
export async function usePasswordReset(
  db: Database,
  tokenHash: string,
  passwordHash: string,
): Promise<{ user: User; sessionsEnded: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: sql<Date>`now()` })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) return undefined;
    const user = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', used.user_id)
      .where('disabled_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    // A disabled user's link is spent and changes nothing.
    if (!user) return undefined;
    await trx.updateTable('password_resets').set({ used_at: sql<Date>`now()` }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
    return { user, sessionsEnded: Number(ended.numDeletedRows) };
  });
}
