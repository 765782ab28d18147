import type { Kysely } from 'kysely';
import type { DB, Mention, MentionStatus } from '../schema.ts';

export interface InboxPageQuery {
  status: MentionStatus | 'all';
  brandId?: string | undefined;
  limit: number;
  /** Keyset: the (sla_due_at, id) of the last row of the previous page. */
  after?: { slaDueAt: Date; id: string } | undefined;
}

/**
 * One inbox page, earliest deadline first, keyset-paginated on (sla_due_at, id) so deep
 * pages cost what the first one does. Served by `mentions_inbox_idx` /
 * `mentions_brand_inbox_idx` (status, sla_due_at, id).
 */
export async function findInboxPage(db: Kysely<DB>, q: InboxPageQuery): Promise<{ rows: Mention[]; hasMore: boolean }> {
  let query = db.selectFrom('mentions').selectAll();
  if (q.status !== 'all') query = query.where('status', '=', q.status);
  if (q.brandId) query = query.where('brand_id', '=', q.brandId);
  if (q.after) {
    const { slaDueAt, id } = q.after;
    query = query.where((eb) => eb.tuple(eb.ref('sla_due_at'), eb.ref('id')), '>', (eb) => eb.tuple(eb.val(slaDueAt), eb.val(id)));
  }
  const rows = await query.orderBy('sla_due_at').orderBy('id').limit(q.limit + 1).execute();
  return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
