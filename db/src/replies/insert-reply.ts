import type { Reply } from '../schema.ts';
import type { Database } from '../client.ts';

export interface NewReplyInput {
  mentionId: string;
  userId: string | null;
  text: string;
  idempotencyKey: string;
}

/**
 * Stores a reply as `queued`. A second call with the same idempotency key (a double click,
 * a retried request) returns the first reply with `created: false`. Unique index on
 * idempotency_key.
 */
export async function insertReply(db: Database, input: NewReplyInput): Promise<{ reply: Reply; created: boolean }> {
  const inserted = await db
    .insertInto('replies')
    .values({ mention_id: input.mentionId, user_id: input.userId, text: input.text, idempotency_key: input.idempotencyKey })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { reply: inserted, created: true };
  const existing = await db
    .selectFrom('replies')
    .selectAll()
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { reply: existing, created: false };
}
