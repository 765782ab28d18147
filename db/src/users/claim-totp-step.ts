import type { Database } from '../client.ts';

/**
 * Records that the code of time step `step` was used, if no code of this or a later step was:
 * true when this use may go ahead, false for a replayed code. One conditional UPDATE, so two
 * sign-ins with the same code at once cannot both win. Primary key.
 */
export async function claimTotpStep(db: Database, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
