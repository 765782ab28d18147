import { sql } from 'kysely';
import type { Reply, ReplyState } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Moves a reply from one of `from` to `to`, atomically: only one process can win a
 * transition, which is what keeps a reply from being posted twice. Returns the updated
 * reply, or undefined if it was not in one of `from`. Primary key.
 */
export async function transitionReply(
  db: Database,
  id: string,
  from: ReplyState[],
  to: ReplyState,
  fields: { error?: string | null; externalId?: string; url?: string | null; countAttempt?: boolean } = {},
): Promise<Reply | undefined> {
  return db
    .updateTable('replies')
    .set({
      state: to,
      updated_at: sql<Date>`now()`,
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.externalId !== undefined ? { external_id: fields.externalId, url: fields.url ?? null } : {}),
      ...(to === 'sent' ? { sent_at: sql<Date>`now()`, error: null } : {}),
      ...(fields.countAttempt ? { attempts: sql<number>`attempts + 1` } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}
