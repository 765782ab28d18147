import type { Intent, Mention, Priority, Sentiment } from '../schema.ts';
import { moveMentionRollups } from '../rollups/move-mention-rollups.ts';
import type { Database, DatabaseTransaction } from '../client.ts';

/** The classification columns an agent may change, and what follows from them. */
export interface MentionLabelsPatch {
  sentiment?: Sentiment;
  intent?: Intent;
  is_spam?: boolean;
  priority?: Priority;
  priority_reason?: string;
  sla_due_at?: Date;
}

/**
 * Changes a mention's classification; returns the updated row, or undefined if it is gone.
 * A new sentiment or intent moves the mention's counts in `rollup_minutes` / `rollup_hours` in
 * the same transaction (the caller's, or one of its own), so rollups always equal a recount.
 * Primary key.
 */
export async function updateMentionLabels(db: Database, id: string, patch: MentionLabelsPatch): Promise<Mention | undefined> {
  if (Object.keys(patch).length === 0) {
    return db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
  }
  if (patch.sentiment === undefined && patch.intent === undefined) {
    return db.updateTable('mentions').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
  }
  const relabel = async (trx: DatabaseTransaction): Promise<Mention | undefined> => {
    const before = await trx
      .selectFrom('mentions')
      .select(['brand_id', 'stream_id', 'platform', 'posted_at', 'sentiment', 'intent'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    const updated = await trx.updateTable('mentions').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await moveMentionRollups(trx, before, before, updated);
    return updated;
  };
  return db.isTransaction ? relabel(db as DatabaseTransaction) : db.transaction().execute(relabel);
}
