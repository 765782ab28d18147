import type { Database } from '../client.ts';

/**
 * Changes a user's TOTP state: `pending` stores a secret being set up; `enable` makes the pending
 * secret the real one (returns false when there was none); `disable` clears both. Primary key.
 */
export async function setTotp(
  db: Database,
  userId: string,
  change: { pending: string } | { enable: true; step: number } | { disable: true },
): Promise<boolean> {
  let query = db.updateTable('users').where('id', '=', userId);
  if ('pending' in change) {
    query = query.set({ totp_pending_secret: change.pending });
  } else if ('enable' in change) {
    query = query
      .set((eb) => ({ totp_secret: eb.ref('totp_pending_secret'), totp_pending_secret: null, totp_last_step: change.step }))
      .where('totp_pending_secret', 'is not', null);
  } else {
    query = query.set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null });
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
