import type { Reply } from '../schema.ts';
import type { Database } from '../client.ts';

/** A mention's replies, oldest first, with the sender's name. Served by `replies_mention_idx`. */
export async function listRepliesForMention(
  db: Database,
  mentionId: string,
): Promise<(Reply & { user_name: string | null })[]> {
  return db
    .selectFrom('replies')
    .leftJoin('users', 'users.id', 'replies.user_id')
    .selectAll('replies')
    .select('users.name as user_name')
    .where('replies.mention_id', '=', mentionId)
    .orderBy('replies.created_at')
    .orderBy('replies.id')
    .execute();
}
