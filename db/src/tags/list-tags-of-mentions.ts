import type { Database } from '../client.ts';

export interface MentionTag {
  id: string;
  name: string;
}

/**
 * Each mention's tags, by name, for a page of mentions (ids without tags are absent).
 * Served by the mention_tags primary key (mention_id, tag_id).
 */
export async function listTagsOfMentions(db: Database, mentionIds: readonly string[]): Promise<Map<string, MentionTag[]>> {
  const out = new Map<string, MentionTag[]>();
  if (mentionIds.length === 0) return out;
  const rows = await db
    .selectFrom('mention_tags as mt')
    .innerJoin('tags as t', 't.id', 'mt.tag_id')
    .select(['mt.mention_id', 't.id', 't.name'])
    .where('mt.mention_id', 'in', [...mentionIds])
    .orderBy((eb) => eb.fn('lower', ['t.name']))
    .execute();
  for (const r of rows) {
    const list = out.get(r.mention_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.mention_id, list);
  }
  return out;
}
