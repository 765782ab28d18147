import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/** Removes an analyzed page; call in the transaction that stores its mentions. Returns whether it was there. */
export async function deleteCollectedPage(db: Kysely<DB> | Transaction<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('collected_pages').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
