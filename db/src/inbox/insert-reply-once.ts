import type { Reply } from '../schema.ts';
import { insertReply, type NewReplyInput } from '../replies/insert-reply.ts';
import type { Database } from '../client.ts';

/** Someone already replied (or is replying) to the mention: who, when and how far it got. */
export interface ReplyConflict {
  userName: string | null;
  at: Date;
  state: Reply['state'];
}

/**
 * Stores a reply unless the mention already has one that was not refused (queued, sending,
 * sent or unknown) and the caller did not confirm: two agents pressing Send at once then post
 * once, and the second is asked. The mention row is locked for the check and the insert, so two
 * concurrent calls are ordered. A resend with the same idempotency key returns its reply as
 * insertReply does, never a conflict. Served by the primary key, `replies_idempotency_key` and
 * the replies' mention index.
 */
export async function insertReplyOnce(
  db: Database,
  input: NewReplyInput,
  confirmed: boolean,
): Promise<{ reply: Reply; created: boolean; conflict?: undefined } | { conflict: ReplyConflict }> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('mentions').select('id').where('id', '=', input.mentionId).forUpdate().executeTakeFirst();
    const again = await trx.selectFrom('replies').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (again) return { reply: again, created: false };
    if (!confirmed) {
      const earlier = await trx
        .selectFrom('replies as r')
        .leftJoin('users as u', 'u.id', 'r.user_id')
        .select(['u.name as user_name', 'r.created_at', 'r.state'])
        .where('r.mention_id', '=', input.mentionId)
        .where('r.state', '<>', 'failed')
        .orderBy('r.created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (earlier) return { conflict: { userName: earlier.user_name, at: earlier.created_at, state: earlier.state } };
    }
    return insertReply(trx, input);
  });
}
