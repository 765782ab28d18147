import type { Kysely } from 'kysely';
import type { DB, Reply } from '../schema.ts';

/** The reply, or undefined. Primary key lookup. */
export async function findReplyById(db: Kysely<DB>, id: string): Promise<Reply | undefined> {
  return db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A mention's replies, oldest first, with the sender's name. Served by `replies_mention_idx`. */
export async function listRepliesForMention(
  db: Kysely<DB>,
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
