import type { Priority } from '../schema.ts';
import type { Database } from '../client.ts';

export interface MentionSlaInput {
  id: string;
  priority: Priority;
  /** When the mention arrived: deadlines count from here. */
  posted_at: Date;
}

/**
 * One page of the brand's open mentions, by id, with what a deadline is computed from. Keyset on
 * id: pass the last id of the previous page as `afterId` (null for the first). Filtered by
 * `mentions_brand_inbox_idx` (brand_id, status, …); the id order is a sort of that brand's open rows.
 */
export async function listOpenMentionsForSla(
  db: Database,
  brandId: string,
  afterId: string | null,
  limit: number,
): Promise<MentionSlaInput[]> {
  let query = db
    .selectFrom('mentions')
    .select(['id', 'priority', 'posted_at'])
    .where('brand_id', '=', brandId)
    .where('status', '=', 'open');
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}
