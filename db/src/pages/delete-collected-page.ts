import type { Database } from '../client.ts';

/** Removes an analyzed page; call in the transaction that stores its mentions. Returns whether it was there. */
export async function deleteCollectedPage(db: Database, id: string): Promise<boolean> {
  const result = await db.deleteFrom('collected_pages').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
