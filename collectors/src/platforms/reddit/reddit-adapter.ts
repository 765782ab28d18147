import type { CollectedMention } from '@earshot/db';
import type { PlatformAdapter, PollInput, PollResult, PublishedReply, ReplyTarget } from '../adapter.ts';
import { MalformedPayloadError, PlatformError } from '../errors.ts';
import type { RedditClient } from './reddit-client.ts';
import { decodeCursor, encodeCursor, MAX_GAPS, pruneSeen, type SourceState } from './reddit-cursor.ts';
import { assertRequestAllowed, publishError, readError } from './reddit-errors.ts';
import { buildMatcher, buildSearchQuery, RedditQuerySchema, type RedditQuery, type TextMatcher } from './reddit-query.ts';
import {
  CommentSchema,
  parseListing,
  PostedCommentSchema,
  SubmissionSchema,
  ThingSchema,
  type ListingPage,
  type RedditComment,
  type RedditSubmission,
} from './reddit-schemas.ts';

const PLATFORM = 'reddit';
const SITE = 'https://www.reddit.com';
/** Reddit's maximum page size. */
const PAGE_LIMIT = 100;
/** CollectedMention's text limit; a self post can be 40,000 characters plus its title. */
const TEXT_MAX = 40_000;
const REMOVED_BODIES = new Set(['[deleted]', '[removed]']);

export interface RedditAdapterOptions {
  client: RedditClient;
  /** The account replies are posted as: its own comments are never collected, and findReply reads its history. */
  username: string;
  now?: () => Date;
  /** Listing requests one poll may make across all its sources (100 things each). Default 10. */
  maxPagesPerPoll?: number;
  /** Things a stream's first poll takes from the top; older history is not collected. Default 100. */
  firstPollItems?: number;
  /**
   * How far below the newest thing already read a poll keeps looking, for things that show
   * up late. Search needs minutes (its index lags); the comment listing is near-instant.
   */
  overlapSeconds?: { search?: number; comments?: number };
  /**
   * Fetch the parent comments of matched comments (one batched /api/info request per page)
   * so the inbox shows what was answered. Default true.
   */
  fetchParentComments?: boolean;
  /** How many pages (100 comments each) of the account's history findReply reads. Default 3. */
  findReplyPages?: number;
}

interface Source {
  name: 'search' | 'comments';
  /** The request this source's cursor state belongs to. */
  key: string;
  uri: string;
  qs: Record<string, string>;
  overlap: number;
}

interface PollContext {
  reads: number;
  pagesLeft: number;
  budget: number | null;
  signal: AbortSignal;
}

interface WalkEnd {
  /** The walk reached `stopBelow` or the end of the listing. */
  complete: boolean;
  /** Where an incomplete walk stopped (the last fullname read), null when it read nothing. */
  resumeAfter: string | null;
  newest: number | null;
  /** Where a walk that reached `pauseBelow` would go on. */
  paused: string | null;
}

/** Reddit's limit for a comment body, in characters (code points, as Reddit counts them). */
export const REDDIT_REPLY_MAX = 10_000;

/** Judges a reply before it is queued (the API) and before it is sent (publishReply). */
export function checkRedditReply(text: string): { ok: true } | { ok: false; message: string } {
  if (text.trim().length === 0) return { ok: false, message: 'The reply is empty.' };
  const length = [...text].length;
  if (length <= REDDIT_REPLY_MAX) return { ok: true };
  return {
    ok: false,
    message: `Reddit replies are limited to ${REDDIT_REPLY_MAX} characters; this one counts ${length}. Shorten it by ${length - REDDIT_REPLY_MAX}.`,
  };
}

const permalinkUrl = (permalink: string) => `${SITE}${permalink}`;
const normalizeBody = (text: string) => text.replace(/\r\n?/g, '\n').trim();
const clip = (text: string) => (text.length > TEXT_MAX ? text.slice(0, TEXT_MAX) : text);

/**
 * Reddit through snoowrap (or anything shaped like RedditClient): keyword search of posts,
 * site-wide or in listed subreddits, and optionally every new comment in those subreddits,
 * matched here. Replies are comments under the post or comment.
 */
export function createRedditAdapter(options: RedditAdapterOptions): PlatformAdapter<RedditQuery> {
  const { client } = options;
  const username = options.username.replace(/^\/?u\//i, '');
  const ownName = username.toLowerCase();
  const now = options.now ?? (() => new Date());
  const maxPages = options.maxPagesPerPoll ?? 10;
  const firstPollItems = options.firstPollItems ?? PAGE_LIMIT;
  const overlap = { search: options.overlapSeconds?.search ?? 600, comments: options.overlapSeconds?.comments ?? 60 };
  const fetchParents = options.fetchParentComments ?? true;
  const findReplyPages = options.findReplyPages ?? 3;

  function sourcesFor(query: RedditQuery): Source[] {
    const subs = query.subreddits.join('+');
    const q = buildSearchQuery(query);
    const search: Source = subs
      ? { name: 'search', key: `r/${subs}/search?q=${q}`, uri: `r/${subs}/search`, qs: { q, sort: 'new', restrict_sr: 'on', type: 'link' }, overlap: overlap.search }
      : { name: 'search', key: `search?q=${q}`, uri: 'search', qs: { q, sort: 'new', type: 'link' }, overlap: overlap.search };
    if (!query.watchComments || !subs) return [search];
    return [search, { name: 'comments', key: `r/${subs}/comments`, uri: `r/${subs}/comments`, qs: {}, overlap: overlap.comments }];
  }

  async function request(what: string, call: () => PromiseLike<unknown>): Promise<unknown> {
    assertRequestAllowed(client, now());
    try {
      return await call();
    } catch (error) {
      throw readError(error, what, client, now());
    }
  }

  async function fetchPage(source: Source, after: string | null, limit: number): Promise<ListingPage<RedditSubmission | RedditComment>> {
    const what = `${source.name === 'search' ? 'search' : 'comment listing'} page from /${source.uri}`;
    const qs: Record<string, string | number> = { ...source.qs, limit, ...(after ? { after } : {}) };
    const raw = await request(what, () => client.oauthRequest({ uri: source.uri, method: 'get', qs }));
    const parsed = source.name === 'search' ? parseListing(SubmissionSchema, raw) : parseListing(CommentSchema, raw);
    if (!parsed.ok) throw new MalformedPayloadError(PLATFORM, what, parsed.detail);
    return parsed.page;
  }

  /** Parent comments of matched comments that the page itself does not hold, in one request. */
  async function parentComments(comments: RedditComment[], page: RedditComment[]): Promise<Map<string, RedditComment>> {
    const known = new Map(page.map((c) => [c.name, c]));
    const missing = [...new Set(comments.map((c) => c.parent_id).filter((id) => id.startsWith('t1_') && !known.has(id)))];
    if (!fetchParents || missing.length === 0) return known;
    const raw = await request('parent-comment lookup (/api/info)', () =>
      client.oauthRequest({ uri: 'api/info', method: 'get', qs: { id: missing.slice(0, PAGE_LIMIT).join(',') } }),
    );
    const parsed = parseListing(ThingSchema, raw);
    if (!parsed.ok) throw new MalformedPayloadError(PLATFORM, 'parent-comment lookup (/api/info)', parsed.detail);
    for (const thing of parsed.page.items) if ('body' in thing) known.set(thing.name, thing);
    return known;
  }

  function author(name: string, fullname: string | null | undefined): CollectedMention['author'] {
    return { externalId: fullname ?? null, handle: `u/${name}`, name: null, followers: null, verified: false };
  }

  function submissionMention(s: RedditSubmission): CollectedMention {
    const body = s.selftext && !REMOVED_BODIES.has(s.selftext) ? `${s.title}\n\n${s.selftext}` : s.title;
    return {
      externalId: s.name,
      url: permalinkUrl(s.permalink),
      text: clip(body),
      lang: null,
      postedAt: new Date(s.created_utc * 1_000).toISOString(),
      author: author(s.author, s.author_fullname),
      context: null,
    };
  }

  function commentMention(c: RedditComment, parents: Map<string, RedditComment>): CollectedMention {
    let context: CollectedMention['context'];
    if (c.parent_id.startsWith('t3_')) {
      // The listing carries the submission's title and author, not its text.
      context = { externalId: c.parent_id, authorHandle: c.link_author ? `u/${c.link_author}` : null, text: c.link_title ? clip(c.link_title) : null };
    } else {
      const parent = parents.get(c.parent_id);
      const text = parent && !REMOVED_BODIES.has(parent.body) ? clip(parent.body) : null;
      context = { externalId: c.parent_id, authorHandle: parent ? `u/${parent.author}` : null, text };
    }
    return {
      externalId: c.name,
      url: permalinkUrl(c.permalink),
      text: clip(c.body),
      lang: null,
      postedAt: new Date(c.created_utc * 1_000).toISOString(),
      author: author(c.author, c.author_fullname),
      context,
    };
  }

  async function mentionsOf(
    source: Source,
    fresh: (RedditSubmission | RedditComment)[],
    page: (RedditSubmission | RedditComment)[],
    matcher: TextMatcher,
  ): Promise<CollectedMention[]> {
    const notOurs = fresh.filter((t) => t.author.toLowerCase() !== ownName);
    if (source.name === 'search') {
      // Reddit's search already matched the keywords (with stemming); exclusions are enforced here too.
      return (notOurs as RedditSubmission[]).filter((s) => !matcher.excluded(`${s.title}\n${s.selftext ?? ''}`)).map(submissionMention);
    }
    const matched = (notOurs as RedditComment[]).filter((c) => !REMOVED_BODIES.has(c.body) && matcher.matches(c.body) && !matcher.excluded(c.body));
    if (matched.length === 0) return [];
    const parents = await parentComments(matched, page as RedditComment[]);
    return matched.map((c) => commentMention(c, parents));
  }

  /**
   * Walks one listing down from `after` until a thing older than `stopBelow`, the listing's
   * end, or the poll's limits. With `pauseBelow`, it also ends after the first page that
   * reaches below it, saying where the rest would continue (`paused`).
   */
  async function* walk(
    source: Source,
    from: { after: string | null; stopBelow: number | null; pauseBelow?: number | null; maxItems?: number },
    seen: Map<string, number>,
    ctx: PollContext,
    matcher: TextMatcher,
  ): AsyncGenerator<CollectedMention[], WalkEnd, void> {
    let after = from.after;
    let newest: number | null = null;
    let taken = 0;
    for (;;) {
      const budgetLeft = ctx.budget === null ? Number.POSITIVE_INFINITY : ctx.budget - ctx.reads;
      const limit = Math.min(PAGE_LIMIT, budgetLeft, (from.maxItems ?? Number.POSITIVE_INFINITY) - taken);
      if (ctx.pagesLeft <= 0 || limit <= 0) return { complete: false, resumeAfter: after, newest, paused: null };
      ctx.signal.throwIfAborted();
      ctx.pagesLeft--;
      const page = await fetchPage(source, after, limit);
      ctx.reads += page.items.length;
      taken += page.items.length;
      let reachedStop = false;
      let reachedPause = false;
      const fresh: (RedditSubmission | RedditComment)[] = [];
      for (const thing of page.items) {
        if (from.stopBelow !== null && thing.created_utc < from.stopBelow) {
          reachedStop = true;
          break;
        }
        if (from.pauseBelow != null && thing.created_utc < from.pauseBelow) reachedPause = true;
        newest = Math.max(newest ?? thing.created_utc, thing.created_utc);
        if (seen.has(thing.name)) continue;
        seen.set(thing.name, thing.created_utc);
        fresh.push(thing);
      }
      const mentions = await mentionsOf(source, fresh, page.items, matcher);
      if (mentions.length > 0) yield mentions;
      const last = page.items.at(-1);
      if (reachedStop || page.finished || !last) return { complete: true, resumeAfter: null, newest, paused: null };
      if (reachedPause) return { complete: true, resumeAfter: null, newest, paused: last.name };
      after = last.name;
    }
  }

  async function* pollSource(
    source: Source,
    previous: SourceState | null,
    ctx: PollContext,
    matcher: TextMatcher,
  ): AsyncGenerator<CollectedMention[], SourceState | null, void> {
    const seen = new Map(Object.entries(previous?.seen ?? {}));
    if (!previous) {
      // A new stream starts from now: one page of the newest things, no history.
      const end = yield* walk(source, { after: null, stopBelow: null, maxItems: firstPollItems }, seen, ctx, matcher);
      if (end.newest === null && !end.complete) return null; // nothing read (no budget): still a first poll next time
      return { key: source.key, top: end.newest, seen: pruneSeen(seen, end.newest === null ? null : end.newest - source.overlap), gaps: [] };
    }

    const gaps: SourceState['gaps'] = [];
    const lagFloor = previous.top === null ? null : previous.top - source.overlap;
    // 1. Everything newer than the last poll's top, newest first. A walk cut short leaves a gap
    // down to that top (the overlap below it is the best-effort part, step 3).
    const top = yield* walk(source, { after: null, stopBelow: lagFloor, pauseBelow: previous.top }, seen, ctx, matcher);
    if (!top.complete && top.resumeAfter !== null) gaps.push({ after: top.resumeAfter, stopBelow: previous.top });
    // 2. What earlier polls left unread, newest gap first.
    for (const gap of previous.gaps) {
      const end = yield* walk(source, gap, seen, ctx, matcher);
      if (!end.complete) gaps.push({ after: end.resumeAfter ?? gap.after, stopBelow: gap.stopBelow });
    }
    // 3. Late arrivals in the overlap window below the old top, with whatever requests are
    // left; best effort, so it never leaves a gap that would starve the ones above.
    if (top.paused !== null) yield* walk(source, { after: top.paused, stopBelow: lagFloor }, seen, ctx, matcher);

    const newTop = top.newest === null ? previous.top : Math.max(previous.top ?? top.newest, top.newest);
    const kept = gaps.slice(0, MAX_GAPS);
    // A gap ends at an earlier poll's top; what was read around there must stay recognisable
    // until the gap is walked, or it would be collected twice.
    const floors = [newTop === null ? null : newTop - source.overlap, ...kept.map((g) => g.stopBelow)].filter((f): f is number => f !== null);
    return { key: source.key, top: newTop, seen: pruneSeen(seen, floors.length > 0 ? Math.min(...floors) : null), gaps: kept };
  }

  return {
    platform: PLATFORM,
    querySchema: RedditQuerySchema,

    checkReply: checkRedditReply,

    async *poll(input: PollInput<RedditQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
      const cursor = decodeCursor(input.cursor);
      const matcher = buildMatcher(input.query);
      const ctx: PollContext = { reads: 0, pagesLeft: maxPages, budget: input.readBudget, signal: input.signal };
      const sources: Record<string, SourceState> = {};
      for (const source of sourcesFor(input.query)) {
        const previous = cursor?.sources[source.name];
        const state = yield* pollSource(source, previous && previous.key === source.key ? previous : null, ctx, matcher);
        if (state) sources[source.name] = state;
      }
      return { cursor: encodeCursor({ v: 1, sources }), reads: ctx.reads };
    },

    async publishReply(target: ReplyTarget, text: string): Promise<PublishedReply> {
      const check = checkRedditReply(text);
      if (!check.ok) throw new PlatformError(PLATFORM, check.message, { retryable: false, sent: 'no' });
      const parent = target.externalId;
      if (!/^t[13]_[0-9a-z]+$/.test(parent)) {
        throw new PlatformError(PLATFORM, `"${parent}" is not a Reddit post or comment id (t3_… or t1_…); it cannot be replied to.`, { retryable: false, sent: 'no' });
      }
      assertRequestAllowed(client, now());
      let raw: unknown;
      try {
        const thing = parent.startsWith('t3_') ? client.getSubmission(parent) : client.getComment(parent);
        raw = await thing.reply(text);
      } catch (error) {
        throw publishError(error, client, now());
      }
      const posted = PostedCommentSchema.safeParse(raw);
      if (!posted.success) {
        throw new PlatformError(PLATFORM, "Reddit accepted the reply but its answer did not name the new comment; it is checked before any retry.", {
          retryable: true,
          sent: 'unknown',
        });
      }
      return { externalId: posted.data.name, url: posted.data.permalink ? permalinkUrl(posted.data.permalink) : null };
    },

    async findReply(target: ReplyTarget, text: string): Promise<PublishedReply | null> {
      const wanted = normalizeBody(text);
      const uri = `user/${encodeURIComponent(username)}/comments`;
      let after: string | null = null;
      for (let page = 0; page < findReplyPages; page++) {
        const qs: Record<string, string | number> = { sort: 'new', limit: PAGE_LIMIT, ...(after ? { after } : {}) };
        const what = `comment history of u/${username}`;
        const raw = await request(what, () => client.oauthRequest({ uri, method: 'get', qs }));
        const parsed = parseListing(CommentSchema, raw);
        if (!parsed.ok) throw new MalformedPayloadError(PLATFORM, what, parsed.detail);
        const match = parsed.page.items.find((c) => c.parent_id === target.externalId && normalizeBody(c.body) === wanted);
        if (match) return { externalId: match.name, url: permalinkUrl(match.permalink) };
        const last = parsed.page.items.at(-1);
        if (parsed.page.finished || !last) return null;
        after = last.name;
      }
      // Not among the account's latest comments: an interrupted send is checked within minutes,
      // long before that many newer comments could push it out of reach.
      return null;
    },
  };
}
