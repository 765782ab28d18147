import type { Kysely } from 'kysely';
import type { DB, Tag } from '../schema.ts';

/** Every tag, by name (a small table: read whole). */
export async function listTags(db: Kysely<DB>): Promise<Tag[]> {
  return db.selectFrom('tags').selectAll().orderBy((eb) => eb.fn('lower', ['name'])).execute();
}
