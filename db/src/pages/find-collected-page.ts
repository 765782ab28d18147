import type { CollectedPage } from '../schema.ts';
import type { Database } from '../client.ts';

/** The page, or undefined once it has been analyzed (and deleted). Primary key lookup. */
export async function findCollectedPage(db: Database, id: string): Promise<CollectedPage | undefined> {
  return db.selectFrom('collected_pages').selectAll().where('id', '=', id).executeTakeFirst();
}
