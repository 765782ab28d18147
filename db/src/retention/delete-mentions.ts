import type { Database, DatabaseTransaction } from '../client.ts';

/**
 * Deletes mentions by id; their replies and corrections go with them (on delete cascade).
 * Rollups are not touched: counts of pruned periods stay, so alerts' baselines and stored
 * reports keep working. By primary key; the cascades by `replies_mention_idx` and
 * `corrections_mention_field_idx`. Returns how many mentions were deleted.
 */
export async function deleteMentions(trx: Database | DatabaseTransaction, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await trx.deleteFrom('mentions').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}
