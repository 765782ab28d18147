import type { Kysely, Transaction } from 'kysely';
import type { CollectedPage, DB } from '../schema.ts';

/** The page, or undefined once it has been analyzed (and deleted). Primary key lookup. */
export async function findCollectedPage(db: Kysely<DB> | Transaction<DB>, id: string): Promise<CollectedPage | undefined> {
  return db.selectFrom('collected_pages').selectAll().where('id', '=', id).executeTakeFirst();
}
