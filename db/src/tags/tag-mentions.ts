import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database } from '../client.ts';

/**
 * Puts a tag on mentions (those that exist in `scope`; a mention tagged already keeps its first tagging).
 * Returns the ids newly tagged. Primary key (mention_id, tag_id) makes a repeat a no-op.
 */
export async function tagMentions(db: Database, tagId: string, mentionIds: readonly string[], userId: string | null, scope: BrandScope): Promise<string[]> {
  if (mentionIds.length === 0) return [];
  const rows = await db
    .insertInto('mention_tags')
    .columns(['mention_id', 'tag_id', 'tagged_by'])
    .expression((eb) =>
      eb
        .selectFrom('mentions')
        .select((s) => ['id', s.val(tagId).as('tag_id'), s.val(userId).as('tagged_by')])
        .where('id', 'in', [...mentionIds])
        .where(brandScopeSql(scope, 'mentions.brand_id')),
    )
    .onConflict((oc) => oc.columns(['mention_id', 'tag_id']).doNothing())
    .returning('mention_id')
    .execute();
  return rows.map((r) => r.mention_id);
}

/** Takes a tag off a mention; whether it was on. Primary key lookup. */
export async function untagMention(db: Database, tagId: string, mentionId: string): Promise<boolean> {
  const result = await db.deleteFrom('mention_tags').where('mention_id', '=', mentionId).where('tag_id', '=', tagId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
