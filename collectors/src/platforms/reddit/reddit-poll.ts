import { clipMentionText, type CollectedMention } from '@earshot/db';
import type { PollInput, PollResult } from '../adapter.ts';
import { MalformedPayloadError } from '../errors.ts';
import type { RedditClient } from './reddit-client.ts';
import { decodeCursor, encodeCursor, MAX_GAPS, pruneSeen, type SourceState } from './reddit-cursor.ts';
import {
  CommentSchema,
  parseListing,
  SubmissionSchema,
  ThingSchema,
  type ListingPage,
  type RedditComment,
  type RedditSubmission,
} from './reddit-payloads.ts';
import { buildMatcher, buildSearchQuery, type RedditQuery, type TextMatcher } from './reddit-query.ts';

const PLATFORM = 'reddit';
const SITE = 'https://www.reddit.com';
/** Reddit's maximum page size. */
export const REDDIT_PAGE_LIMIT = 100;
const PAGE_LIMIT = REDDIT_PAGE_LIMIT;
export const REMOVED_BODIES = new Set(['[deleted]', '[removed]']);

export const permalinkUrl = (permalink: string) => `${SITE}${permalink}`;

/** What the poller needs from the adapter: its client, its account and its settings. */
export interface RedditPollerOptions {
  client: RedditClient;
  /** One request through the client, its failures already turned into the pipeline's errors. */
  request(what: string, call: () => PromiseLike<unknown>): Promise<unknown>;
  /** The account's name, lower case: its own posts and comments are never collected. */
  ownName: string;
  maxPagesPerPoll: number;
  firstPollBacklog: number;
  overlapSeconds: { search: number; comments: number };
  fetchParentComments: boolean;
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

/**
 * Reading Reddit: keyword search of posts, site-wide or in listed subreddits, and optionally
 * every new comment in those subreddits, matched here. A listing is walked down from the top
 * until it reaches what an earlier poll read; walks cut short leave gaps (reddit-cursor.ts)
 * that later polls finish. Reddit pages by fullname, not by a lower bound, so this is not the
 * since + gap cursor of X and Bluesky.
 */
export function createRedditPoller(options: RedditPollerOptions): (input: PollInput<RedditQuery>) => AsyncGenerator<CollectedMention[], PollResult, void> {
  const { client, request, ownName } = options;
  const maxPages = options.maxPagesPerPoll;
  const firstPollBacklog = options.firstPollBacklog;
  const overlap = options.overlapSeconds;
  const fetchParents = options.fetchParentComments;

  function sourcesFor(query: RedditQuery): Source[] {
    const subs = query.subreddits.join('+');
    const q = buildSearchQuery(query);
    const search: Source = subs
      ? { name: 'search', key: `r/${subs}/search?q=${q}`, uri: `r/${subs}/search`, qs: { q, sort: 'new', restrict_sr: 'on', type: 'link' }, overlap: overlap.search }
      : { name: 'search', key: `search?q=${q}`, uri: 'search', qs: { q, sort: 'new', type: 'link' }, overlap: overlap.search };
    if (!query.watchComments || !subs) return [search];
    return [search, { name: 'comments', key: `r/${subs}/comments`, uri: `r/${subs}/comments`, qs: {}, overlap: overlap.comments }];
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
      text: clipMentionText(body),
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
      context = { externalId: c.parent_id, authorHandle: c.link_author ? `u/${c.link_author}` : null, text: c.link_title ? clipMentionText(c.link_title) : null };
    } else {
      const parent = parents.get(c.parent_id);
      const text = parent && !REMOVED_BODIES.has(parent.body) ? clipMentionText(parent.body) : null;
      context = { externalId: c.parent_id, authorHandle: parent ? `u/${parent.author}` : null, text };
    }
    return {
      externalId: c.name,
      url: permalinkUrl(c.permalink),
      text: clipMentionText(c.body),
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
      const end = yield* walk(source, { after: null, stopBelow: null, maxItems: firstPollBacklog }, seen, ctx, matcher);
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

  return async function* poll(input: PollInput<RedditQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
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
  };
}
