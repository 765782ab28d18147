import { insertUserNotices } from './insert-user-notices.ts';
import type { Database } from '../client.ts';

/**
 * Stores an internal note and, in the same transaction, a notice for each teammate it
 * @-mentions (never for its author). Returns the note's id and time.
 */
export async function insertMentionNote(
  db: Database,
  input: { mentionId: string; userId: string; authorName: string; text: string; mentionedUserIds: readonly string[] },
): Promise<{ id: string; created_at: Date }> {
  const told = [...new Set(input.mentionedUserIds)].filter((id) => id !== input.userId);
  return db.transaction().execute(async (trx) => {
    const note = await trx
      .insertInto('mention_notes')
      .values({ mention_id: input.mentionId, user_id: input.userId, text: input.text, mentioned_user_ids: told })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    const flat = input.text.replace(/\s+/g, ' ').trim();
    await insertUserNotices(
      trx,
      told.map((userId) => ({
        userId,
        kind: 'note_mention' as const,
        mentionId: input.mentionId,
        text: `${input.authorName} mentioned you in a note: "${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}"`,
      })),
    );
    return note;
  });
}
