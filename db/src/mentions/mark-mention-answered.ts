import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/** Marks an open mention answered (first answer wins); returns its brand id. */
export async function markMentionAnswered(
  db: Kysely<DB> | Transaction<DB>,
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
