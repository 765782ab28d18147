import type { AtpAgent } from '@atproto/api';
import { clipMentionText, type CollectedMention } from '@earshot/db';
import type { PollInput, PollResult } from '../adapter.ts';
import { MalformedPayloadError } from '../errors.ts';
import { readWithGap, type GapReader, type WalkEnd } from '../gap-cursor.ts';
import { formatBlueskyCursor, parseBlueskyCursor, type BlueskyKeywordCursor } from './bluesky-cursor.ts';
import type { BlueskyAction } from './bluesky-errors.ts';
import { blueskyPostUrl, describeIssues, profileName, SearchPageSchema, sortAtOf, type PostView } from './bluesky-payloads.ts';
import { blueskySearchTerm, buildExcluder, type BlueskyQuery } from './bluesky-query.ts';

/** searchPosts pages hold at most 100 posts. */
export const BLUESKY_MAX_PAGE = 100;

export interface BlueskyAccount {
  did: string;
  handle: string;
}

/** What the poller needs from the adapter: its calls to Bluesky and its settings. */
export interface BlueskyPollerOptions {
  /** One XRPC call with a session, its failures already turned into the pipeline's errors. */
  call<T>(action: BlueskyAction, where: string, run: (agent: AtpAgent, me: BlueskyAccount) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** The account of the app password (signing in when needed): its own posts are not collected. */
  me(): Promise<BlueskyAccount>;
  /** Posts by URI, for the posts that mentions reply to. */
  lookUpPosts(uris: string[], options: { signal?: AbortSignal }): Promise<Map<string, PostView>>;
  firstPollBacklog: number;
  maxPagesPerPoll: number;
  overlapMs: number;
  fetchParents: boolean;
}

interface PollContext {
  input: PollInput<BlueskyQuery>;
  reads: number;
  pages: number;
  /** uri → sort time of every post read near the edges (from the cursor) and in this poll. */
  seen: Map<string, number>;
  /** Posts read in this poll, so a parent read earlier costs no lookup. */
  posts: Map<string, PostView>;
  me: BlueskyAccount;
  excluded: (text: string) => boolean;
}

function toMention(post: PostView, parents: Map<string, PostView>): CollectedMention {
  const parentUri = post.record.reply?.parent.uri;
  const parent = parentUri ? parents.get(parentUri) : undefined;
  const created = Date.parse(post.record.createdAt);
  const name = post.author.displayName?.trim();
  const lang = post.record.langs?.[0];
  return {
    externalId: post.uri,
    url: blueskyPostUrl(post.author, post.uri),
    text: clipMentionText(post.record.text),
    lang: lang && lang.length <= 20 ? lang : null,
    postedAt: new Date(Number.isFinite(created) ? created : Date.parse(post.indexedAt)).toISOString(),
    author: {
      externalId: post.author.did,
      handle: profileName(post.author),
      name: name ? name.slice(0, 400) : null,
      followers: post.author.followersCount ?? null,
      verified: post.author.verification?.verifiedStatus === 'valid',
    },
    context: parentUri
      ? { externalId: parentUri, authorHandle: parent ? profileName(parent.author) : null, text: parent ? clipMentionText(parent.record.text) : null }
      : null,
  };
}

/**
 * Reading Bluesky: the newest posts matching each keyword (searchPosts, sort=latest), each
 * keyword behind the shared gap cursor (gap-cursor.ts), with an overlap below the newest post
 * read because the search index shows some posts late.
 */
export function createBlueskyPoller(options: BlueskyPollerOptions): (input: PollInput<BlueskyQuery>) => AsyncGenerator<CollectedMention[], PollResult, void> {
  const { call, firstPollBacklog, maxPagesPerPoll, overlapMs, fetchParents } = options;

  /**
   * Reads one keyword's search in [since, until) newest first, page by page, yielding each
   * page's new mentions, until the search has no next page or the budget or page cap says stop.
   */
  async function* walk(
    keyword: string,
    ctx: PollContext,
    range: { since: number | null; until: number | null },
    limit: { maxPages: number; pageSize: number },
  ): AsyncGenerator<CollectedMention[], WalkEnd<number>, void> {
    const where = `page of search results for "${keyword}"`;
    const { signal, query } = ctx.input;
    let pageCursor: string | undefined;
    let newest: number | null = null;
    let oldest: number | null = null;
    for (let walked = 0; ; walked++) {
      const left = ctx.input.readBudget === null ? Number.POSITIVE_INFINITY : ctx.input.readBudget - ctx.reads;
      if (walked >= limit.maxPages || ctx.pages >= maxPagesPerPoll || left <= 0) return { complete: false, newest, oldest };
      signal.throwIfAborted();
      const params = {
        q: blueskySearchTerm(keyword),
        sort: 'latest',
        limit: Math.min(limit.pageSize, BLUESKY_MAX_PAGE, left),
        ...(range.since !== null ? { since: new Date(range.since).toISOString() } : {}),
        ...(range.until !== null ? { until: new Date(range.until).toISOString() } : {}),
        ...(query.language ? { lang: query.language } : {}),
        ...(pageCursor ? { cursor: pageCursor } : {}),
      };
      const res = await call('read', `a ${where}`, (a) => a.app.bsky.feed.searchPosts(params, { signal }), signal);
      const parsed = SearchPageSchema.safeParse(res.data);
      if (!parsed.success) throw new MalformedPayloadError('bluesky', where, describeIssues(parsed.error));
      const posts = parsed.data.posts;

      const fresh = posts.filter((p, i) => !ctx.seen.has(p.uri) && posts.findIndex((q) => q.uri === p.uri) === i);
      const wanted = fresh.filter((p) => p.author.did !== ctx.me.did && !ctx.excluded(p.record.text));
      for (const p of posts) ctx.posts.set(p.uri, p);
      const missing = fetchParents
        ? [...new Set(wanted.map((p) => p.record.reply?.parent.uri).filter((u): u is string => u !== undefined && !ctx.posts.has(u)))]
        : [];
      const parents = missing.length > 0 ? await options.lookUpPosts(missing, { signal }) : new Map<string, PostView>();
      for (const [uri, p] of parents) ctx.posts.set(uri, p);
      const mentions = wanted.map((p) => toMention(p, ctx.posts));

      // Counted and remembered only once the page is known good: a bad page yields nothing and moves nothing.
      ctx.reads += posts.length;
      ctx.pages++;
      for (const p of posts) {
        const at = sortAtOf(p);
        ctx.seen.set(p.uri, at);
        newest = newest === null ? at : Math.max(newest, at);
        oldest = oldest === null ? at : Math.min(oldest, at);
      }
      if (mentions.length > 0) yield mentions;
      if (!parsed.data.cursor || posts.length === 0) return { complete: true, newest, oldest };
      pageCursor = parsed.data.cursor;
    }
  }

  /** How one keyword is read behind the gap cursor; positions are sort times in milliseconds. */
  const readerFor = (keyword: string, ctx: PollContext): GapReader<BlueskyKeywordCursor, number, CollectedMention[]> => ({
    isFirst: (state) => state.since === null,
    // First poll: the latest posts as a backlog, not everything the index holds.
    readFirst: () => walk(keyword, ctx, { since: null, until: null }, { maxPages: 1, pageSize: firstPollBacklog }),
    // Each read looks `overlapMs` below the position for posts the index showed late; `until`
    // is exclusive, so one millisecond more re-reads the boundary, where `seen` recognises what was read.
    readDown: (state, until) =>
      walk(keyword, ctx, { since: (state.since ?? 0) - overlapMs, until: until === null ? null : until + 1 }, { maxPages: Number.POSITIVE_INFINITY, pageSize: BLUESKY_MAX_PAGE }),
    positionOf: (state) => ({ since: state.since }),
    readUpTo: (state, newest) => ({ since: Math.max(state.since ?? newest, newest) }),
    covers: (state, newest) => state.since !== null && newest <= state.since,
  });

  return async function* poll(input: PollInput<BlueskyQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
    const cursor = parseBlueskyCursor(input.cursor);
    const ctx: PollContext = {
      input,
      reads: 0,
      pages: 0,
      seen: new Map(Object.entries(cursor.seen)),
      posts: new Map(),
      me: await options.me(),
      excluded: buildExcluder(input.query.exclude),
    };
    const keywords: Record<string, BlueskyKeywordCursor> = {};
    for (const keyword of input.query.keywords) {
      keywords[keyword] = yield* readWithGap(cursor.keywords[keyword] ?? { since: null }, readerFor(keyword, ctx));
    }
    return { cursor: formatBlueskyCursor({ v: 1, keywords, seen: Object.fromEntries(ctx.seen) }, overlapMs), reads: ctx.reads };
  };
}
