import { ApiResponseError, type TwitterApi, type TwitterRateLimit, type TweetV2PostTweetResult } from 'twitter-api-v2';
import type { PlatformAdapter, PublishedReply, ReplyTarget } from '../adapter.ts';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '../errors.ts';
import { postingCapMessage, toXError, type XAction } from './x-errors.ts';
import { decodeXEntities, describeIssues, parseOwnPostsPage, XCreatedPostSchema, XMeSchema, xPostUrl } from './x-payloads.ts';
import { createXPoller, X_MAX_PAGE } from './x-poll.ts';
import { createXQuerySchema, X_BASIC_QUERY_LENGTH, type XQuery } from './x-query.ts';
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

/** Text as X will have stored it, for comparing a reply we sent with one we find. */
function comparable(text: string): string {
  return decodeXEntities(text)
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim();
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

/**
 * The X adapter: the brand account's @mentions and recent search, read page by page with
 * `since_id`, and replies posted as the brand account. Everything X sends is checked with
 * zod before use; every failure is turned into the errors the pipeline expects (errors.ts).
 */
export function createXAdapter(options: XAdapterOptions): PlatformAdapter<XQuery> {
  const querySchema = createXQuerySchema({ maxQueryLength: options.maxQueryLength ?? X_BASIC_QUERY_LENGTH });
  const findReplyMaxPages = options.findReplyMaxPages ?? 10;
  const now = options.now ?? Date.now;

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

  const poll = createXPoller({
    call,
    brandUserId: async (signal) => options.brandUserId ?? (await brandIdentity('read', signal)).id,
    knownBrandUserId: () => options.brandUserId ?? identity?.id ?? null,
    firstPollBacklog: options.firstPollBacklog ?? X_MAX_PAGE,
    maxPagesPerPoll: options.maxPagesPerPoll ?? 50,
    searchWindowMarginMs: options.searchWindowMarginMs ?? 10 * 60_000,
    now,
  });

  return {
    platform: 'x',
    querySchema,
    checkReply: checkXReply,

    poll,

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
              max_results: X_MAX_PAGE,
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
        `Could not tell whether the reply to post ${target.externalId} was posted: the brand account has made more than ${findReplyMaxPages * X_MAX_PAGE} posts since. Check on X and mark the reply by hand.`,
        { retryable: false },
      );
    },
  };
}
