import type { Mention } from '../schema.ts';
import type { Database } from '../client.ts';

/** The mention, or undefined. Primary key lookup. */
export async function findMentionById(db: Database, id: string): Promise<Mention | undefined> {
  return db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
}
