import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../errors.ts';
import type { Intent, Mention, MentionStatus, Priority, Sentiment } from '../schema.ts';
import type { Database } from '../client.ts';
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
  /** Who works on it: a user id, or "none" for unassigned mentions. */
  assigneeId?: string | undefined;
  response?: InboxResponseOutcome | undefined;
  /** Replies sent after this instant do not count for `response` and `agentId` (default: now). */
  asOf?: Date | undefined;
  // Finding (issue #11): stream, tag, overdue and search.
  streamId?: string | undefined;
  /** A tag's id: mentions carrying it. */
  tagId?: string | undefined;
  /** Open, not spam, deadline passed (as of `asOf`). */
  overdue?: boolean | undefined;
  /** Words that must each appear (any case, any part of a word) in the text, handle or name. */
  search?: string | undefined;
}

/**
 * The text a search matches: the mention's text, its author's handle and name. Written exactly
 * as the expression of `mentions_search_trgm_idx` (a GIN pg_trgm index), which serves ILIKE
 * '%word%' on it for words of three characters or more.
 */
export const SEARCH_EXPRESSION = sql<string>`(text || ' ' || author_handle || ' ' || coalesce(author_name, ''))`;

/** The words of a search (at most 8). */
function searchWords(search: string): string[] {
  return search
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** The words of a search, each a pattern for ILIKE with its wildcards escaped (at most 8 words). */
export function searchPatterns(search: string): string[] {
  return searchWords(search).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * Every word of a search in the searched text. Only the first word is a condition the trigram
 * index serves (ILIKE on the index's expression); the others are tested on the rows it or the
 * view's own index yields (strpos of the lower-cased text, which PostgreSQL does not try to
 * estimate: a third of rows). Given every word, PostgreSQL multiplies the words' frequencies as
 * if they were unrelated: "charged twice", on 1.6 % of ten million mentions, looked like 1,000
 * rows and took 4 s as 160,000 rows read through the trigram index and sorted, where walking
 * the deadline order finds a page in 3,000 rows. With one word it estimates that word from the
 * expression's statistics, and walks the deadline order for a common word or reads a rare one's
 * few rows through the index. findInboxPage puts the rarest word first (rarestWordFirst).
 */
function searchCondition(search: string, opts: { everyWordIndexed?: boolean } = {}): Expression<SqlBool> {
  if (opts.everyWordIndexed === true) {
    return sql<SqlBool>`(${sql.join(searchPatterns(search).map((pattern) => sql`${SEARCH_EXPRESSION} ilike ${pattern}`), sql` and `)})`;
  }
  const words = searchWords(search);
  const [first, ...rest] = words;
  const parts = [
    sql<SqlBool>`${SEARCH_EXPRESSION} ilike ${searchPatterns(first!)[0]}`,
    ...rest.map((word) => sql<SqlBool>`strpos(lower(${SEARCH_EXPRESSION}), lower(${word})) > 0`),
  ];
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export interface InboxPageQuery extends InboxFilters {
  /** Every search word a trigram-index condition (findInboxPage's fallback after a walk). */
  everyWordIndexed?: boolean | undefined;
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
function inboxFilterCondition(f: InboxFilters & { everyWordIndexed?: boolean | undefined }): Expression<SqlBool> {
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
  if (f.assigneeId !== undefined) parts.push(f.assigneeId === 'none' ? sql`assignee_id is null` : sql`assignee_id = ${f.assigneeId}`);
  if (f.streamId !== undefined) parts.push(sql`stream_id = ${f.streamId}`);
  if (f.tagId !== undefined) parts.push(sql`exists (select 1 from mention_tags mt where mt.mention_id = mentions.id and mt.tag_id = ${f.tagId})`);
  if (f.overdue === true) parts.push(sql`(status = 'open' and not ${spam} and sla_due_at <= ${asOf})`);
  if (f.search !== undefined && searchPatterns(f.search).length > 0) parts.push(searchCondition(f.search, { everyWordIndexed: f.everyWordIndexed }));
  if (f.agentId !== undefined)
    parts.push(f.agentId === 'none' ? unanswered : sql`(${answered} and first_responder_id = ${f.agentId})`);
  if (f.response !== undefined) {
    const open = sql<SqlBool>`(${unanswered} and not ${spam} and status not in ('closed', 'ignored'))`;
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
      'open-at-end': () => sql`(not ${spam} and ((${answered} and first_response_at >= ${needsEnd()}) or (${unanswered} and status not in ('closed', 'ignored'))))`,
      'answered-after': () => sql`(${answered} and first_response_at >= ${needsEnd()})`,
    };
    parts.push(byOutcome[f.response]());
  }
  return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * The statement behind one inbox page (not yet run), so a benchmark can EXPLAIN exactly what
 * `findInboxPage` runs. Earliest deadline first, keyset-paginated on (sla_due_at, id) so deep
 * pages cost what the first one does, with any combination of `InboxFilters`; it fetches
 * `limit + 1` rows to know whether there is a next page, and never counts.
 *
 * Status and brand views walk an index in (sla_due_at, id) order and stop after `limit + 1`
 * matches, so they never sort, however large the table (tests/bench/inbox):
 * - a status view: `mentions_inbox_idx` (status, sla_due_at, id), or with a brand
 *   `mentions_brand_inbox_idx` (brand_id, status, sla_due_at, id);
 * - "all": `mentions_due_idx` (sla_due_at, id), or with a brand `mentions_brand_due_idx`
 *   (brand_id, sla_due_at, id).
 * A posted range (a report's period) adds `sla_due_at >= postedFrom`, true of every row of the
 * period because a deadline is never before its mention was posted (computeDueAt starts counting
 * at arrival): an unfiltered walk then starts at the period instead of the oldest deadline.
 * With a further filter (a report figure: label, priority, agent, response outcome) the page's
 * ids are chosen first, from `mentions_brand_posted_idx` (brand_id, posted_at) alone: it
 * includes every column those filters and the order read (migration
 * `2026_12_05_00_00_00_inbox_period_covering`), so the brand-period is an index-only scan and
 * only the page's rows are read from the table. Bounded by one brand-period, never the table.
 * The label, topic, agent and outcome filters are conditions on the rows the walk yields.
 */
export function inboxPageQuery(db: Database, q: InboxPageQuery) {
  const where = pageCondition(q);
  // A period with a report figure's filter: the page's ids first, so the filters are tested in
  // the covering index alone. A period alone keeps its walk of the deadline index (under 1 ms).
  const figure = [q.sentiment, q.intent, q.platform, q.priority, q.topic, q.agentId, q.response].some((f) => f !== undefined);
  if (q.postedFrom === undefined || !figure) return db.selectFrom('mentions').selectAll().where(where).orderBy('sla_due_at').orderBy('id').limit(q.limit + 1);
  const ids = db.selectFrom('mentions').select('id').where(where).orderBy('sla_due_at').orderBy('id').limit(q.limit + 1);
  return db.selectFrom('mentions').selectAll().where('id', 'in', ids).orderBy('sla_due_at').orderBy('id');
}

/** The whole WHERE of a page: status, brand scope, filters, period bound, keyset. */
function pageCondition(q: InboxPageQuery): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (q.status !== 'all') parts.push(sql`status = ${q.status}`);
  // No condition at all for an unlimited caller: the plans above stay exactly as they were.
  if (q.scope.kind !== 'all') parts.push(brandScopeSql(q.scope, 'mentions.brand_id'));
  parts.push(inboxFilterCondition(q));
  if (q.postedFrom !== undefined) parts.push(sql`sla_due_at >= ${q.postedFrom}`);
  if (q.after) parts.push(sql`(sla_due_at, id) > (${q.after.slaDueAt}, ${q.after.id})`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/**
 * The words of a search with the one PostgreSQL expects in the fewest mentions first (its own
 * estimate, from the statistics of the trigram index's expression: an EXPLAIN per word, planning
 * only, well under a millisecond each). searchCondition makes only the first word a condition
 * the trigram index serves; see there why.
 */
export async function rarestWordFirst(db: Database, search: string): Promise<string> {
  const words = searchWords(search);
  if (words.length < 2) return words.join(' ');
  const estimates = await Promise.all(
    words.map(async (word) => {
      const [pattern] = searchPatterns(word);
      const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from mentions where ${SEARCH_EXPRESSION} ilike ${pattern}`.execute(db);
      return { word, rows: plan.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'] };
    }),
  );
  return estimates
    .sort((a, b) => a.rows - b.rows)
    .map((e) => e.word)
    .join(' ');
}

/**
 * How many rows a search walks in deadline order, when PostgreSQL chose to walk, before it asks
 * the trigram index with every word instead (findInboxPage).
 */
export const SEARCH_WALK_ROWS = 10_000;

/** The first `walkRows` rows of the view in deadline order, keeping the search's matches and the last row (walk_n = walkRows). */
export function inboxSearchWalk(db: Database, q: InboxPageQuery, search: string, walkRows: number) {
  const walk = db
    .selectFrom('mentions')
    .selectAll()
    .select([sql<boolean>`${searchCondition(search)}`.as('search_hit'), sql<number>`(row_number() over (order by sla_due_at, id))::int`.as('walk_n')])
    .where(pageCondition({ ...q, search: undefined }))
    .orderBy('sla_due_at')
    .orderBy('id')
    .limit(walkRows);
  // Row by row, it stops at the page's last match or the walk's last row, whichever comes first.
  return db
    .selectFrom(walk.as('w'))
    .selectAll()
    .where((eb) => eb.or([eb('search_hit', '=', true), eb('walk_n', '=', walkRows)]))
    .orderBy('sla_due_at')
    .orderBy('id')
    .limit(q.limit + 1);
}

/** For the statement after a walk: the trigram index, through a bitmap, whatever PostgreSQL estimates. */
export async function bitmapScansOnly(trx: Database): Promise<void> {
  await sql`set local enable_seqscan = off`.execute(trx);
  await sql`set local enable_indexscan = off`.execute(trx);
}

/**
 * One inbox page and whether another follows; see `inboxPageQuery` for the order and indexes.
 *
 * A search runs as PostgreSQL plans it (searchCondition, rarest word first) when it reads the
 * rarest word's rows through the trigram index. When it walks the deadline order instead,
 * expecting the words to be common together, the walk is bounded: words that are common
 * apart but never together ("kettle subscription") would otherwise walk the whole table
 * (20 s at ten million). After `searchWalkRows` rows without a full page, the rest comes from
 * the trigram index with every word (the index intersects the words' trigrams, so the rows
 * holding all of them are the only ones read), with scans other than bitmap scans off.
 */
export async function findInboxPage(
  db: Database,
  q: InboxPageQuery,
  opts: { searchWalkRows?: number } = {},
): Promise<{ rows: Mention[]; hasMore: boolean }> {
  const page = (rows: Mention[]) => ({ rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit });
  if (q.search === undefined || searchPatterns(q.search).length === 0) return page(await inboxPageQuery(db, q).execute());
  const search = await rarestWordFirst(db, q.search);
  const planned = inboxPageQuery(db, { ...q, search });
  const compiled = planned.compile();
  const plan = await db.executeQuery<{ 'QUERY PLAN': unknown }>({ ...compiled, sql: `explain (format json) ${compiled.sql}` });
  if (JSON.stringify(plan.rows[0]?.['QUERY PLAN']).includes('"mentions_search_trgm_idx"')) return page(await planned.execute());

  const walkRows = opts.searchWalkRows ?? SEARCH_WALK_ROWS;
  const walked = await inboxSearchWalk(db, q, search, walkRows).execute();
  const hits: Mention[] = walked.filter((r) => r.search_hit).map(({ search_hit: _hit, walk_n: _n, ...mention }) => mention);
  const last = walked.find((r) => r.walk_n === walkRows);
  if (hits.length > q.limit || last === undefined) return page(hits);
  const rest = await db.transaction().execute(async (trx) => {
    await bitmapScansOnly(trx);
    return inboxPageQuery(trx, { ...q, search, everyWordIndexed: true, after: { slaDueAt: last.sla_due_at, id: last.id }, limit: q.limit - hits.length }).execute();
  });
  return page([...hits, ...rest]);
}
