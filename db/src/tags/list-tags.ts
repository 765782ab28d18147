import type { Tag } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every tag, by name (a small table: read whole). */
export async function listTags(db: Database): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().orderBy((eb) => eb.fn('lower', ['name'])).execute();
}
