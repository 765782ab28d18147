import { ApiResponseError, type TwitterApi, type TwitterRateLimit, type TweetV2PostTweetResult, type Tweetv2FieldsParams } from 'twitter-api-v2';
import type { CollectedMention } from '@earshot/db';
import type { PlatformAdapter, PollInput, PollResult, PublishedReply, ReplyTarget } from '../adapter.ts';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '../errors.ts';
import { formatXCursor, parseXCursor, xIdTime, type XSourceCursor, type XSourceName } from './x-cursor.ts';
import { postingCapMessage, toXError, XSearchWindowError, type XAction } from './x-errors.ts';
import {
  describeIssues,
  parseOwnPostsPage,
  parseTimelinePage,
  XCreatedPostSchema,
  XMeSchema,
  type XPost,
  type XTimelinePage,
  type XUser,
} from './x-payloads.ts';
import { buildXSearchQuery, createXQuerySchema, X_BASIC_QUERY_LENGTH, type XQuery } from './x-query.ts';
import { checkXReply } from './x-text.ts';

export interface XAdapterOptions {
  /** The twitter-api-v2 client (see createXClient), or a function that builds it when first needed. */
  client: TwitterApi | (() => TwitterApi | Promise<TwitterApi>);
  /** The brand account's X user id. Without it, it is looked up with the credentials (users/me). */
  brandUserId?: string;
  /** The brand account's handle, for reply links. Without it, it is looked up (users/me). */
  brandHandle?: string;
  /** Recent search query length on the app's access level: 512 on Basic, 4,096 on Pro. */
  maxQueryLength?: number;
  /** Posts read per source on a stream's very first poll; older ones are not fetched. */
  firstPollBacklog?: number;
  /** Pages read per poll at most; the rest is read by the next poll, nothing skipped. */
  maxPagesPerPoll?: number;
  /** Pages of the brand's own posts searched for a reply whose answer was lost. */
  findReplyMaxPages?: number;
  /**
   * How far inside recent search's seven days a stale position is moved (default 10
   * minutes), so that a clock a little off from X's, or a slow poll, stays inside it.
   */
  searchWindowMarginMs?: number;
  /** The clock, for recent search's seven-day window (tests). */
  now?: () => number;
}

/** Recent search reads the last seven days only, and refuses positions older than that. */
const SEARCH_WINDOW_MS = 7 * 24 * 3600_000;
/** When X itself says a position is too old (its clock is ahead of ours), go this much further in. */
const REFUSED_EXTRA_MARGIN_MS = 60 * 60_000;

/** X's smallest max_results per endpoint: a page can never be asked to be smaller. */
const MIN_PAGE: Record<XSourceName, number> = { search: 10, mentions: 5 };
const MAX_PAGE = 100;

const FIELDS: Partial<Tweetv2FieldsParams> = {
  expansions: ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id', 'in_reply_to_user_id'],
  'tweet.fields': ['author_id', 'created_at', 'lang', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'note_tweet'],
  'user.fields': ['username', 'name', 'verified', 'public_metrics'],
};

/** X's language codes that name no language. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'qam', 'qct', 'qht', 'qme', 'qst']);

function decodeEntities(text: string): string {
  // X's v2 API sends post text with &, < and > escaped as HTML entities.
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** Text as X will have stored it, for comparing a reply we sent with one we find. */
function comparable(text: string): string {
  return decodeEntities(text)
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** X's times: RFC 3339 to the second. */
function toXTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function xPostUrl(handle: string, id: string): string {
  return `https://x.com/${handle}/status/${id}`;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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

interface WalkEnd {
  /** Every page up to the range's start was read. */
  complete: boolean;
  newest: string | null;
  oldest: string | null;
}

/**
 * The X adapter: the brand account's @mentions and recent search, read page by page with
 * `since_id`, and replies posted as the brand account. Everything X sends is checked with
 * zod before use; every failure is turned into the errors the pipeline expects (errors.ts).
 */
export function createXAdapter(options: XAdapterOptions): PlatformAdapter<XQuery> {
  const querySchema = createXQuerySchema({ maxQueryLength: options.maxQueryLength ?? X_BASIC_QUERY_LENGTH });
  const firstPollBacklog = options.firstPollBacklog ?? MAX_PAGE;
  const maxPagesPerPoll = options.maxPagesPerPoll ?? 50;
  const findReplyMaxPages = options.findReplyMaxPages ?? 10;
  const now = options.now ?? Date.now;
  const searchWindowMarginMs = options.searchWindowMarginMs ?? 10 * 60_000;

  let clientPromise: Promise<TwitterApi> | null = null;
  const client = (): Promise<TwitterApi> => {
    clientPromise ??= Promise.resolve(typeof options.client === 'function' ? options.client() : options.client).catch((error: unknown) => {
      clientPromise = null;
      throw error;
    });
    return clientPromise;
  };

  const call = async <T>(action: XAction, where: string, run: (c: TwitterApi) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const c = await client();
    try {
      return await abortable(run(c), signal);
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      throw toXError(error, action, where);
    }
  };

  let identity: { id: string; handle: string } | null =
    options.brandUserId && options.brandHandle ? { id: options.brandUserId, handle: options.brandHandle } : null;
  const brandIdentity = async (action: XAction, signal?: AbortSignal): Promise<{ id: string; handle: string }> => {
    if (identity) return identity;
    const raw = await call(action, 'the account of the X credentials (users/me)', (c) => c.v2.me({ 'user.fields': ['username'] }), signal);
    const parsed = XMeSchema.safeParse(raw);
    if (!parsed.success) throw new MalformedPayloadError('x', 'users/me answer', describeIssues(parsed.error));
    if (options.brandUserId && parsed.data.data.id !== options.brandUserId) {
      throw new PlatformError(
        'x',
        `The X credentials belong to @${parsed.data.data.username} (id ${parsed.data.data.id}), not to the brand account id ${options.brandUserId}. Use that account's access token, or correct the account id.`,
        { retryable: false },
      );
    }
    identity = { id: parsed.data.data.id, handle: parsed.data.data.username };
    return identity;
  };
  /**
   * The account's 24-hour posting cap as X last reported it (`x-user-limit-24hour-*` on every
   * answer to POST /2/tweets). While it is used up, no post is attempted before it resets.
   */
  let postingCap: { limit: number; remaining: number; resetAt: number } | null = null;
  const notePostingCap = (rateLimit: TwitterRateLimit | undefined) => {
    const day = rateLimit?.userDay;
    if (day && Number.isFinite(day.limit) && Number.isFinite(day.remaining) && Number.isFinite(day.reset) && day.reset > 0) {
      postingCap = { limit: day.limit, remaining: day.remaining, resetAt: day.reset * 1000 };
    }
  };

  const brandUserId = async (signal: AbortSignal): Promise<string> => options.brandUserId ?? (await brandIdentity('read', signal)).id;

  const fetchPage = async (
    source: XSourceName,
    query: XQuery,
    range: ReadRange & { token: string | null; max: number },
    signal: AbortSignal,
  ): Promise<unknown> => {
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
    const id = await brandUserId(signal);
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
        text: parent ? decodeEntities(parent.note_tweet?.text ?? parent.text) : null,
      };
    }
    return {
      externalId: post.id,
      url: xPostUrl(author.username, post.id),
      text: decodeEntities(post.note_tweet?.text ?? post.text),
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
  async function* walk(
    source: XSourceName,
    ctx: PollContext,
    range: ReadRange,
    limit: { maxPages: number; pageSize: number },
  ): AsyncGenerator<CollectedMention[], WalkEnd, void> {
    const where = source === 'search' ? 'page of recent search' : "page of the brand account's mentions";
    let token: string | null = null;
    let newest: string | null = null;
    let oldest: string | null = null;
    let walked = 0;
    for (;;) {
      const left = ctx.input.readBudget === null ? Infinity : ctx.input.readBudget - ctx.reads;
      if (walked >= limit.maxPages || ctx.pages >= maxPagesPerPoll || left < MIN_PAGE[source]) return { complete: false, newest, oldest };
      ctx.input.signal.throwIfAborted();
      const max = Math.max(MIN_PAGE[source], Math.min(limit.pageSize, MAX_PAGE, left));
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
  const positionOf = (state: XSourceCursor): XSourceCursor =>
    state.since !== null || state.after === undefined ? { since: state.since } : { since: null, after: state.after };

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

  /** Brings one source up to date as far as budget and page cap allow; returns its new position. */
  async function* pollSource(source: XSourceName, ctx: PollContext, start: XSourceCursor): AsyncGenerator<CollectedMention[], XSourceCursor, void> {
    const unlimited = { maxPages: Infinity, pageSize: MAX_PAGE };
    if (start.since === null && start.after === undefined && !start.gap) {
      // First poll: the latest posts as a backlog, not the whole seven days X keeps.
      const end = yield* walk(source, ctx, { since: null, until: null }, { maxPages: 1, pageSize: firstPollBacklog });
      return { since: end.newest };
    }
    let state = source === 'search' ? rebaseSearch(start, ctx) : start;
    if (state.gap) {
      const end = yield* walk(source, ctx, rangeFrom(state, state.gap.until), unlimited);
      if (!end.complete) return { ...positionOf(state), gap: { until: end.oldest ?? state.gap.until, newest: state.gap.newest } };
      state = { since: state.gap.newest };
    }
    const end = yield* walk(source, ctx, rangeFrom(state, null), unlimited);
    if (end.complete) return end.newest !== null ? { since: end.newest } : positionOf(state);
    if (end.newest === null || end.oldest === null) return state;
    return { ...positionOf(state), gap: { until: end.oldest, newest: end.newest } };
  }

  /** Recent search, once more from further inside the window if X refuses the position as too old. */
  async function* pollSearch(ctx: PollContext, start: XSourceCursor): AsyncGenerator<CollectedMention[], XSourceCursor, void> {
    const noticesBefore = ctx.notices.length;
    try {
      return yield* pollSource('search', ctx, start);
    } catch (error) {
      if (!(error instanceof XSearchWindowError)) throw error;
      // The second try says what was lost in its own words; the first one's note is dropped.
      ctx.notices.length = noticesBefore;
      return yield* pollSource('search', ctx, rebaseSearch(start, ctx, REFUSED_EXTRA_MARGIN_MS));
    }
  }

  return {
    platform: 'x',
    querySchema,
    checkReply: checkXReply,

    async *poll(input: PollInput<XQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
      const cursor = parseXCursor(input.cursor);
      const ctx: PollContext = { input, notices: [], reads: 0, pages: 0, seen: new Set(), brandUserId: options.brandUserId ?? identity?.id ?? null };
      if (input.query.includeMentions) {
        ctx.brandUserId = await brandUserId(input.signal);
        cursor.mentions = yield* pollSource('mentions', ctx, cursor.mentions ?? { since: null });
      }
      if (input.query.includeSearch) {
        cursor.search = yield* pollSearch(ctx, cursor.search ?? { since: null });
      }
      return { cursor: formatXCursor(cursor), reads: ctx.reads, ...(ctx.notices.length > 0 ? { notice: ctx.notices.join(' ') } : {}) };
    },

    async publishReply(target: ReplyTarget, text: string): Promise<PublishedReply> {
      // Known before sending: a failure after the post is made must not hide its link.
      const me = await brandIdentity('read');
      if (postingCap && postingCap.remaining <= 0 && now() < postingCap.resetAt) {
        // X would refuse it with a 429: not even asked, so nothing can be posted twice.
        throw new RateLimitedError('x', new Date(postingCap.resetAt), postingCapMessage(postingCap.limit, new Date(postingCap.resetAt)));
      }
      const raw = await call('publish', `the reply to post ${target.externalId}`, async (c) => {
        try {
          const answer = await c.v2.post<TweetV2PostTweetResult>('tweets', { text, reply: { in_reply_to_tweet_id: target.externalId } }, { fullResponse: true });
          notePostingCap(answer.rateLimit);
          return answer.data;
        } catch (error) {
          if (error instanceof ApiResponseError) notePostingCap(error.rateLimit);
          throw error;
        }
      });
      const parsed = XCreatedPostSchema.safeParse(raw);
      if (!parsed.success) {
        throw new PlatformError('x', `X accepted the reply to post ${target.externalId} but its answer is malformed (${describeIssues(parsed.error)}); whether it was posted is checked before any retry.`, {
          retryable: true,
          sent: 'unknown',
        });
      }
      return { externalId: parsed.data.data.id, url: xPostUrl(me.handle, parsed.data.data.id) };
    },

    async findReply(target: ReplyTarget, text: string): Promise<PublishedReply | null> {
      const me = await brandIdentity('read');
      const wanted = comparable(text);
      let token: string | null = null;
      for (let page = 0; page < findReplyMaxPages; page++) {
        const raw = await call('read', "the brand account's recent posts", (c) =>
          c.v2
            .userTimeline(me.id, {
              since_id: target.externalId,
              max_results: MAX_PAGE,
              'tweet.fields': ['referenced_tweets', 'created_at'],
              ...(token ? { pagination_token: token } : {}),
            })
            .then((p) => p.data as unknown),
        );
        const parsed = parseOwnPostsPage(raw, "page of the brand account's posts");
        const match = (parsed.data ?? []).find(
          (p) => p.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === target.externalId) && comparable(p.text) === wanted,
        );
        if (match) return { externalId: match.id, url: xPostUrl(me.handle, match.id) };
        if (!parsed.meta.next_token) return null;
        token = parsed.meta.next_token;
      }
      throw new PlatformError(
        'x',
        `Could not tell whether the reply to post ${target.externalId} was posted: the brand account has made more than ${findReplyMaxPages * MAX_PAGE} posts since. Check on X and mark the reply by hand.`,
        { retryable: false },
      );
    },
  };
}
