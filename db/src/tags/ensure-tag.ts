import { sql } from 'kysely';
import type { Tag } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The tag with this name (ignoring case), created when there is none; `created` says which.
 * Served by `tags_name_idx` (lower(name)); two agents creating one name at once get one tag.
 */
export async function ensureTag(db: Database, name: string, userId: string | null): Promise<{ tag: Tag; created: boolean }> {
  const inserted = await db
    .insertInto('tags')
    .values({ name, created_by: userId })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { tag: inserted, created: true };
  const tag = await db
    .selectFrom('tags')
    .selectAll()
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirstOrThrow();
  return { tag, created: false };
}
