import type { Database } from '../client.ts';

/** Marks an open mention answered (first answer wins); returns its brand id. */
export async function markMentionAnswered(
  db: Database,
  mentionId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('mentions')
    .set({ status: 'answered', answered_at: at })
    .where('id', '=', mentionId)
    .where('status', '=', 'open')
    .execute();
}
