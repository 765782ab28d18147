import type { Database } from '../client.ts';

/**
 * Replaces a user's password (already hashed) and ends all their sessions in the same
 * transaction, so whoever knew the old one is out; returns how many sessions ended.
 * Primary key, and sessions_user_idx.
 */
export async function setUserPassword(db: Database, userId: string, passwordHash: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).executeTakeFirstOrThrow();
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(ended.numDeletedRows);
  });
}
