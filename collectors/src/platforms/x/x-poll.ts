import type { TwitterApi, Tweetv2FieldsParams } from 'twitter-api-v2';
import type { CollectedMention } from '@earshot/db';
import type { PollInput, PollResult } from '../adapter.ts';
import { MalformedPayloadError } from '../errors.ts';
import { readWithGap, type GapReader, type WalkEnd } from '../gap-cursor.ts';
import { formatXCursor, parseXCursor, xIdTime, type XSourceCursor, type XSourceName } from './x-cursor.ts';
import { XSearchWindowError, type XAction } from './x-errors.ts';
import { buildXSearchQuery, type XQuery } from './x-query.ts';
import { decodeXEntities, parseTimelinePage, toXTime, xPostUrl, type XPost, type XTimelinePage, type XUser } from './x-payloads.ts';

/** Recent search reads the last seven days only, and refuses positions older than that. */
const SEARCH_WINDOW_MS = 7 * 24 * 3600_000;
/** When X itself says a position is too old (its clock is ahead of ours), go this much further in. */
const REFUSED_EXTRA_MARGIN_MS = 60 * 60_000;

/** X's smallest max_results per endpoint: a page can never be asked to be smaller. */
const MIN_PAGE: Record<XSourceName, number> = { search: 10, mentions: 5 };
export const X_MAX_PAGE = 100;

const FIELDS: Partial<Tweetv2FieldsParams> = {
  expansions: ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id', 'in_reply_to_user_id'],
  'tweet.fields': ['author_id', 'created_at', 'lang', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'note_tweet'],
  'user.fields': ['username', 'name', 'verified', 'public_metrics'],
};

/** X's language codes that name no language. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'qam', 'qct', 'qht', 'qme', 'qst']);

/** What the poller needs from the adapter: its calls to X and its settings. */
export interface XPollerOptions {
  /** One call to X through the client, its failures already turned into the pipeline's errors. */
  call<T>(action: XAction, where: string, run: (c: TwitterApi) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The brand account's user id, looked up when not known. */
  brandUserId(signal: AbortSignal): Promise<string>;
  /** The brand account's id if already known, so search results by it are left out. */
  knownBrandUserId(): string | null;
  firstPollBacklog: number;
  maxPagesPerPoll: number;
  searchWindowMarginMs: number;
  now: () => number;
}

/** What a page request covers: ids, or (recent search) times when ids are too old. */
interface ReadRange {
  since: string | null;
  until: string | null;
  /** Epoch ms; sent as start_time/end_time instead of ids (X refuses both together). */
  startTime?: number;
  endTime?: number;
}

interface PollContext {
  input: PollInput<XQuery>;
  /** Things the stream's health must say (posts that could not be read). */
  notices: string[];
  reads: number;
  pages: number;
  seen: Set<string>;
  brandUserId: string | null;
}

/**
 * Reading X: the brand account's @mentions and recent search, page by page with `since_id`,
 * each source behind the shared gap cursor (gap-cursor.ts). Everything X sends is checked
 * with zod before use.
 */
export function createXPoller(options: XPollerOptions): (input: PollInput<XQuery>) => AsyncGenerator<CollectedMention[], PollResult, void> {
  const { call, firstPollBacklog, maxPagesPerPoll, now, searchWindowMarginMs } = options;

  const fetchPage = async (source: XSourceName, query: XQuery, range: ReadRange & { token: string | null; max: number }, signal: AbortSignal): Promise<unknown> => {
    const timed = range.startTime !== undefined;
    const common = {
      ...FIELDS,
      max_results: range.max,
      ...(range.since ? { since_id: range.since } : {}),
      // With times, the upper id becomes end_time (X refuses ids and times together).
      ...(range.until && !timed ? { until_id: range.until } : {}),
      ...(timed ? { start_time: toXTime(range.startTime!) } : {}),
      ...(timed && range.endTime !== undefined ? { end_time: toXTime(range.endTime) } : {}),
    };
    if (source === 'search') {
      const q = buildXSearchQuery(query);
      const page = await call(
        'read',
        'a page of recent search',
        (c) => c.v2.search(q, { ...common, sort_order: 'recency', ...(range.token ? { next_token: range.token } : {}) }),
        signal,
      );
      return page.data;
    }
    const id = await options.brandUserId(signal);
    const page = await call(
      'read',
      "a page of the brand account's mentions",
      (c) => c.v2.userMentionTimeline(id, { ...common, ...(range.token ? { pagination_token: range.token } : {}) }),
      signal,
    );
    return page.data;
  };

  const toMention = (post: XPost, page: XTimelinePage, users: Map<string, XUser>, where: string): CollectedMention | 'skip' => {
    const author = users.get(post.author_id);
    if (!author) {
      // X explains an author it leaves out (suspended, withheld) in `errors`; otherwise the page is broken.
      if (page.errors?.some((e) => e.resource_id === post.author_id)) return 'skip';
      throw new MalformedPayloadError('x', where, `post ${post.id} has author ${post.author_id}, who is not in includes.users`);
    }
    const replyTo = post.referenced_tweets?.find((r) => r.type === 'replied_to');
    let context: CollectedMention['context'] = null;
    if (replyTo) {
      const parent = page.includes?.tweets?.find((t) => t.id === replyTo.id);
      const parentAuthor = (parent?.author_id ? users.get(parent.author_id) : undefined) ?? (post.in_reply_to_user_id ? users.get(post.in_reply_to_user_id) : undefined);
      context = {
        externalId: replyTo.id,
        authorHandle: parentAuthor?.username ?? null,
        text: parent ? decodeXEntities(parent.note_tweet?.text ?? parent.text) : null,
      };
    }
    return {
      externalId: post.id,
      url: xPostUrl(author.username, post.id),
      text: decodeXEntities(post.note_tweet?.text ?? post.text),
      lang: post.lang && !NO_LANGUAGE.has(post.lang) ? post.lang : null,
      postedAt: post.created_at,
      author: {
        externalId: author.id,
        handle: author.username,
        name: author.name || null,
        followers: author.public_metrics?.followers_count ?? null,
        verified: author.verified ?? false,
      },
      context,
    };
  };

  /**
   * Reads (since, until) newest first, page by page, yielding each page's new mentions, until
   * X has no next page or the budget or page cap says stop.
   */
  async function* walk(source: XSourceName, ctx: PollContext, range: ReadRange, limit: { maxPages: number; pageSize: number }): AsyncGenerator<CollectedMention[], WalkEnd<string>, void> {
    const where = source === 'search' ? 'page of recent search' : "page of the brand account's mentions";
    let token: string | null = null;
    let newest: string | null = null;
    let oldest: string | null = null;
    let walked = 0;
    for (;;) {
      const left = ctx.input.readBudget === null ? Infinity : ctx.input.readBudget - ctx.reads;
      if (walked >= limit.maxPages || ctx.pages >= maxPagesPerPoll || left < MIN_PAGE[source]) return { complete: false, newest, oldest };
      ctx.input.signal.throwIfAborted();
      const max = Math.max(MIN_PAGE[source], Math.min(limit.pageSize, X_MAX_PAGE, left));
      const raw = await fetchPage(source, ctx.input.query, { ...range, token, max }, ctx.input.signal);
      const timed = range.startTime !== undefined;
      const page = parseTimelinePage(raw, where, timed ? { since: null, until: null } : range);
      // end_time is whole seconds past `until`'s post: the ones from `until` on were read already.
      const posts = (page.data ?? []).filter((p) => !(timed && range.until !== null && BigInt(p.id) >= BigInt(range.until)));
      const users = new Map((page.includes?.users ?? []).map((u) => [u.id, u]));
      const mentions: CollectedMention[] = [];
      for (const post of posts) {
        const mention = toMention(post, page, users, where);
        if (mention === 'skip' || ctx.seen.has(post.id) || post.author_id === ctx.brandUserId) continue;
        mentions.push(mention);
      }
      // Counted only once the page is known good: a malformed page yields nothing and moves nothing.
      ctx.reads += page.data?.length ?? 0;
      ctx.pages++;
      walked++;
      for (const m of mentions) ctx.seen.add(m.externalId);
      if (posts.length > 0) {
        newest ??= posts[0]!.id;
        oldest = posts.at(-1)!.id;
      }
      if (mentions.length > 0) yield mentions;
      if (!page.meta.next_token) return { complete: true, newest, oldest };
      token = page.meta.next_token;
    }
  }

  /** The range below `until` (or open) from where `state` stands: after its id, or after its time. */
  const rangeFrom = (state: XSourceCursor, until: string | null): ReadRange => {
    if (state.since !== null || state.after === undefined) return { since: state.since, until };
    // X takes whole seconds: end_time rounds up past `until`'s post (walk drops what was read).
    return { since: null, until, startTime: Date.parse(state.after), ...(until ? { endTime: Math.ceil((xIdTime(until) + 1) / 1000) * 1000 } : {}) };
  };

  /** How one source is read behind the gap cursor. */
  const readerFor = (source: XSourceName, ctx: PollContext): GapReader<XSourceCursor, string, CollectedMention[]> => ({
    isFirst: (state) => state.since === null && state.after === undefined && !state.gap,
    // First poll: the latest posts as a backlog, not the whole seven days X keeps.
    readFirst: () => walk(source, ctx, { since: null, until: null }, { maxPages: 1, pageSize: firstPollBacklog }),
    readDown: (state, until) => walk(source, ctx, rangeFrom(state, until), { maxPages: Infinity, pageSize: X_MAX_PAGE }),
    positionOf: (state) => (state.since !== null || state.after === undefined ? { since: state.since } : { since: null, after: state.after }),
    // Ids grow with time: the newest id read is the whole position.
    readUpTo: (_state, newest) => ({ since: newest }),
  });

  /**
   * Recent search keeps seven days and refuses a position older than that, so a stream quiet
   * for a week, or collectors down for one, would fail for good on its own cursor. Such a
   * position moves to a time a little inside the window, and the poll says which posts could
   * not be read. `extraMarginMs` goes further in when X has refused a position we took for fresh.
   */
  const rebaseSearch = (state: XSourceCursor, ctx: PollContext, extraMarginMs = 0): XSourceCursor => {
    const from = state.since !== null ? xIdTime(state.since) : state.after !== undefined ? Date.parse(state.after) : null;
    if (from === null) return state;
    const windowStart = Math.floor((now() - SEARCH_WINDOW_MS + searchWindowMarginMs + extraMarginMs) / 1000) * 1000;
    if (from >= windowStart && extraMarginMs === 0) return state;
    const after = new Date(Math.max(from, windowStart)).toISOString();
    let lostUntil = windowStart;
    let next: XSourceCursor = { since: null, after };
    if (state.gap && xIdTime(state.gap.newest) >= windowStart) {
      if (xIdTime(state.gap.until) >= windowStart) next = { since: null, after, gap: state.gap };
      else {
        // Everything still unread lies before the window: only what was read remains.
        next = { since: state.gap.newest };
        lostUntil = xIdTime(state.gap.until);
      }
    }
    if (lostUntil > from) {
      ctx.notices.push(
        `X's recent search keeps only the last 7 days and this stream had not read it since ${toXTime(from)}: posts matching it from ${toXTime(from)} to ${toXTime(lostUntil)} could not be read and are missing (X no longer serves them). Mentions of the brand account are not affected.`,
      );
    }
    return next;
  };

  /** Recent search, once more from further inside the window if X refuses the position as too old. */
  async function* pollSearch(ctx: PollContext, start: XSourceCursor): AsyncGenerator<CollectedMention[], XSourceCursor, void> {
    const noticesBefore = ctx.notices.length;
    const reader = readerFor('search', ctx);
    try {
      return yield* readWithGap(rebaseSearch(start, ctx), reader);
    } catch (error) {
      if (!(error instanceof XSearchWindowError)) throw error;
      // The second try says what was lost in its own words; the first one's note is dropped.
      ctx.notices.length = noticesBefore;
      return yield* readWithGap(rebaseSearch(start, ctx, REFUSED_EXTRA_MARGIN_MS), reader);
    }
  }

  return async function* poll(input: PollInput<XQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
    const cursor = parseXCursor(input.cursor);
    const ctx: PollContext = { input, notices: [], reads: 0, pages: 0, seen: new Set(), brandUserId: options.knownBrandUserId() };
    if (input.query.includeMentions) {
      ctx.brandUserId = await options.brandUserId(input.signal);
      cursor.mentions = yield* readWithGap(cursor.mentions ?? { since: null }, readerFor('mentions', ctx));
    }
    if (input.query.includeSearch) {
      cursor.search = yield* pollSearch(ctx, cursor.search ?? { since: null });
    }
    return { cursor: formatXCursor(cursor), reads: ctx.reads, ...(ctx.notices.length > 0 ? { notice: ctx.notices.join(' ') } : {}) };
  };
}
