import type { Kysely } from 'kysely';
import type { DB, Mention } from '../schema.ts';

/** The mention, or undefined. Primary key lookup. */
export async function findMentionById(db: Kysely<DB>, id: string): Promise<Mention | undefined> {
  return db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Mentions by id, in no particular order. Primary key lookup. */
export async function findMentionsByIds(db: Kysely<DB>, ids: string[]): Promise<Mention[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('mentions').selectAll().where('id', 'in', ids).execute();
}
