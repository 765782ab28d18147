import type { Kysely } from 'kysely';
import type { DB, Mention } from '../schema.ts';

/** The mention, or undefined. Primary key lookup. */
export async function findMentionById(db: Kysely<DB>, id: string): Promise<Mention | undefined> {
  return db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
}
