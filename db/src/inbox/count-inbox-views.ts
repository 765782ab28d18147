import { sql } from 'kysely';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database } from '../client.ts';

/** Counts stop here: the navigation shows "999+" beyond, and no request counts further. */
export const INBOX_COUNT_CAP = 1000;

export interface InboxViewCounts {
  open: number;
  /** Open, past its deadline, not spam: the inbox's "missed" view. */
  overdue: number;
  mine: number;
  unassigned: number;
}

/**
 * How many open mentions of brands in `scope` each view holds, each count capped at `INBOX_COUNT_CAP` (a count at the
 * cap means "at least that many"). A bounded count instead of counters kept per status: every
 * write path that moves a mention (analyze, a published reply, corrections, status changes,
 * assignment, the follow-up tick) would have to keep counters exact, and one forgotten path
 * drifts for good; a bounded count cannot drift and costs at most the cap's index entries.
 * Each is an index range scan that stops at the cap: open on `mentions_inbox_idx` (status,
 * sla_due_at, id) or `mentions_brand_inbox_idx` with a brand; overdue on `mentions_open_due_idx`
 * (sla_due_at) include (brand_id), partial on open non-spam mentions; mine on
 * `mentions_assignee_inbox_idx`; unassigned on `mentions_unassigned_inbox_idx`.
 */
export async function countInboxViews(
  db: Database,
  q: { userId: string; scope: BrandScope; brandId?: string | undefined; now?: Date | undefined },
): Promise<InboxViewCounts> {
  const now = q.now ?? new Date();
  const brand = q.brandId === undefined ? sql`` : sql`and brand_id = ${q.brandId}`;
  const capped = (where: ReturnType<typeof sql>) =>
    sql<number>`(select count(*)::int from (select 1 from mentions where status = 'open' ${brand} and ${brandScopeSql(q.scope, 'mentions.brand_id')} and ${where} limit ${INBOX_COUNT_CAP}) c)`;
  const { rows } = await sql<InboxViewCounts>`select
      ${capped(sql`true`)} as open,
      ${capped(sql`not is_spam and intent <> 'spam' and sla_due_at <= ${now}`)} as overdue,
      ${capped(sql`assignee_id = ${q.userId}`)} as mine,
      ${capped(sql`assignee_id is null`)} as unassigned`.execute(db);
  return rows[0]!;
}
