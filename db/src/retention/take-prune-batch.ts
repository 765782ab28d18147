import type { Selectable } from 'kysely';
import type { CorrectionsTable, Mention, RepliesTable } from '../schema.ts';
import type { Database, DatabaseTransaction } from '../client.ts';

export interface PruneBatch {
  mentions: Mention[];
  replies: Selectable<RepliesTable>[];
  corrections: Selectable<CorrectionsTable>[];
}

/**
 * Up to `limit` of one brand's mentions posted before `before`, oldest first, locked for
 * update, with their replies and corrections: one batch for `earshot prune` to archive and then
 * delete in the same transaction. Served by `mentions_brand_posted_idx` (brand_id, posted_at);
 * replies and corrections by `replies_mention_idx` and `corrections_mention_field_idx`.
 */
export async function takePruneBatch(trx: Database | DatabaseTransaction, q: { brandId: string; before: Date; limit: number }): Promise<PruneBatch> {
  const mentions = await trx
    .selectFrom('mentions')
    .selectAll()
    .where('brand_id', '=', q.brandId)
    .where('posted_at', '<', q.before)
    .orderBy('brand_id')
    .orderBy('posted_at')
    .limit(q.limit)
    .forUpdate()
    .execute();
  if (mentions.length === 0) return { mentions, replies: [], corrections: [] };
  const ids = mentions.map((m) => m.id);
  const replies = await trx.selectFrom('replies').selectAll().where('mention_id', 'in', ids).orderBy('mention_id').orderBy('created_at').execute();
  const corrections = await trx.selectFrom('corrections').selectAll().where('mention_id', 'in', ids).orderBy('mention_id').orderBy('created_at').execute();
  return { mentions, replies, corrections };
}
