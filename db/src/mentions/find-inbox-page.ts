import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { AppError } from '../errors.ts';
import type { DB, Intent, Mention, MentionStatus, Priority, Sentiment } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/**
 * How a mention was first answered, as of an instant (`asOf`, default now). The same outcomes a
 * weekly report counts (db/src/reports/period-mentions-sql.ts), so a link from a report figure
 * lists exactly the mentions behind it: answered (first reply sent by asOf); within / late (by /
 * after its deadline); missed / pending (unanswered, deadline passed / ahead; spam and closed
 * mentions excluded); due (answered or missed); open-at-end (not spam, and unanswered and not
 * closed, or answered on or after `postedBefore`); answered-after (first reply on or after
 * `postedBefore`).
 */
export type InboxResponseOutcome =
  | 'answered'
  | 'within'
  | 'late'
  | 'missed'
  | 'pending'
  | 'due'
  | 'open-at-end'
  | 'answered-after';

/** Filters that combine (all must hold). Omitted ones do not filter. */
export interface InboxFilters {
  brandId?: string | undefined;
  sentiment?: Sentiment | undefined;
  intent?: Intent | undefined;
  platform?: string | undefined;
  priority?: Priority | undefined;
  /** A topic, or "none" for mentions without one. */
  topic?: string | undefined;
  /** posted_at range, `postedBefore` exclusive. */
  postedFrom?: Date | undefined;
  postedBefore?: Date | undefined;
  /** Who sent the first reply (as of `asOf`); "none" for mentions nobody had answered. */
  agentId?: string | undefined;
  authorHandle?: string | undefined;
  response?: InboxResponseOutcome | undefined;
  /** Replies sent after this instant do not count for `response` and `agentId` (default: now). */
  asOf?: Date | undefined;
}

export interface InboxPageQuery extends InboxFilters {
  /** The brands the caller may see (required: an inbox page never ignores it). */
  scope: BrandScope;
  status: MentionStatus | 'all';
  limit: number;
  /** Keyset: the (sla_due_at, id) of the last row of the previous page. */
  after?: { slaDueAt: Date; id: string } | undefined;
}

/**
 * The SQL condition for a set of inbox filters over `mentions` (unaliased), or `true`.
 * `open-at-end` and `answered-after` need `postedBefore` (the end of the period they speak of).
 */
export function inboxFilterCondition(f: InboxFilters): Expression<SqlBool> {
  const asOf = f.asOf ?? new Date();
  // The first response as of asOf: a reply sent later did not exist yet.
  const answered = sql<SqlBool>`(first_response_at is not null and first_response_at <= ${asOf})`;
  const unanswered = sql<SqlBool>`(first_response_at is null or first_response_at > ${asOf})`;
  const spam = sql<SqlBool>`(is_spam or intent = 'spam')`;
  const end = f.postedBefore;
  const parts: Expression<SqlBool>[] = [];
  if (f.brandId !== undefined) parts.push(sql`brand_id = ${f.brandId}`);
  if (f.sentiment !== undefined) parts.push(sql`sentiment = ${f.sentiment}`);
  if (f.intent !== undefined) parts.push(sql`intent = ${f.intent}`);
  if (f.platform !== undefined) parts.push(sql`platform = ${f.platform}`);
  if (f.priority !== undefined) parts.push(sql`priority = ${f.priority}`);
  if (f.topic !== undefined) parts.push(f.topic === 'none' ? sql`topic is null` : sql`topic = ${f.topic}`);
  if (f.postedFrom !== undefined) parts.push(sql`posted_at >= ${f.postedFrom}`);
  if (end !== undefined) parts.push(sql`posted_at < ${end}`);
  if (f.authorHandle !== undefined) parts.push(sql`author_handle = ${f.authorHandle}`);
  if (f.agentId !== undefined)
    parts.push(f.agentId === 'none' ? unanswered : sql`(${answered} and first_responder_id = ${f.agentId})`);
  if (f.response !== undefined) {
    const open = sql<SqlBool>`(${unanswered} and not ${spam} and status <> 'closed')`;
    const missed = sql<SqlBool>`(${open} and sla_due_at <= ${asOf})`;
    const needsEnd = () => {
      if (end === undefined) throw new AppError('BAD_REQUEST', `The "${f.response}" response filter needs postedBefore, the end of the period it speaks of.`);
      return end;
    };
    const byOutcome: Record<InboxResponseOutcome, () => Expression<SqlBool>> = {
      answered: () => answered,
      within: () => sql`(${answered} and first_response_at <= sla_due_at)`,
      late: () => sql`(${answered} and first_response_at > sla_due_at)`,
      missed: () => missed,
      pending: () => sql`(${open} and sla_due_at > ${asOf})`,
      due: () => sql`(${answered} or ${missed})`,
      'open-at-end': () => sql`(not ${spam} and ((${answered} and first_response_at >= ${needsEnd()}) or (${unanswered} and status <> 'closed')))`,
      'answered-after': () => sql`(${answered} and first_response_at >= ${needsEnd()})`,
    };
    parts.push(byOutcome[f.response]());
  }
  return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * One inbox page, earliest deadline first, keyset-paginated on (sla_due_at, id) so deep
 * pages cost what the first one does, with any combination of `InboxFilters`.
 * Served by `mentions_inbox_idx` / `mentions_brand_inbox_idx` (status, sla_due_at, id) for a
 * status view; a posted range (a report's period) by `mentions_brand_posted_idx` (brand_id,
 * posted_at), the page then being the top of that range sorted by deadline. The label, topic,
 * agent and outcome filters are conditions on the rows those indexes yield: each narrows a view
 * that is already bounded by status or period, so none has an index of its own.
 */
export async function findInboxPage(db: Kysely<DB>, q: InboxPageQuery): Promise<{ rows: Mention[]; hasMore: boolean }> {
  let query = db.selectFrom('mentions').selectAll();
  if (q.status !== 'all') query = query.where('status', '=', q.status);
  query = query.where(brandScopeSql(q.scope, 'mentions.brand_id')).where(inboxFilterCondition(q));
  if (q.after) {
    const { slaDueAt, id } = q.after;
    query = query.where((eb) => eb.tuple(eb.ref('sla_due_at'), eb.ref('id')), '>', (eb) => eb.tuple(eb.val(slaDueAt), eb.val(id)));
  }
  const rows = await query.orderBy('sla_due_at').orderBy('id').limit(q.limit + 1).execute();
  return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
