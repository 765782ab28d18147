import type { PlatformAdapter, PublishedReply, ReplyTarget } from '../adapter.ts';
import { MalformedPayloadError, PlatformError } from '../errors.ts';
import type { RedditClient } from './reddit-client.ts';
import { assertRequestAllowed, publishError, readError } from './reddit-errors.ts';
import { CommentSchema, parseListing, PostedCommentSchema } from './reddit-payloads.ts';
import { createRedditPoller, permalinkUrl, REDDIT_PAGE_LIMIT } from './reddit-poll.ts';
import { RedditQuerySchema, type RedditQuery } from './reddit-query.ts';

const PLATFORM = 'reddit';

export interface RedditAdapterOptions {
  client: RedditClient;
  /** The account replies are posted as: its own comments are never collected, and findReply reads its history. */
  username: string;
  now?: () => Date;
  /** Listing requests one poll may make across all its sources (100 things each). Default 10. */
  maxPagesPerPoll?: number;
  /** Things a stream's first poll takes from the top; older history is not collected. Default 100. */
  firstPollBacklog?: number;
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

const normalizeBody = (text: string) => text.replace(/\r\n?/g, '\n').trim();

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
  const findReplyPages = options.findReplyPages ?? 3;

  async function request(what: string, call: () => PromiseLike<unknown>): Promise<unknown> {
    assertRequestAllowed(client, now());
    try {
      return await call();
    } catch (error) {
      throw readError(error, what, client, now());
    }
  }

  const poll = createRedditPoller({
    client,
    request,
    ownName,
    maxPagesPerPoll: options.maxPagesPerPoll ?? 10,
    firstPollBacklog: options.firstPollBacklog ?? REDDIT_PAGE_LIMIT,
    overlapSeconds: { search: options.overlapSeconds?.search ?? 600, comments: options.overlapSeconds?.comments ?? 60 },
    fetchParentComments: options.fetchParentComments ?? true,
  });

  return {
    platform: PLATFORM,
    querySchema: RedditQuerySchema,

    checkReply: checkRedditReply,

    poll,

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
        const qs: Record<string, string | number> = { sort: 'new', limit: REDDIT_PAGE_LIMIT, ...(after ? { after } : {}) };
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
