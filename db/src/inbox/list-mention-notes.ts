import type { Database } from '../client.ts';

/** A mention's internal notes with their authors' names, oldest first. Served by `mention_notes_mention_idx`. */
export async function listMentionNotes(db: Database, mentionId: string) {
  return db
    .selectFrom('mention_notes as n')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.text', 'n.created_at', 'n.mentioned_user_ids', 'u.name as user_name'])
    .where('n.mention_id', '=', mentionId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}
