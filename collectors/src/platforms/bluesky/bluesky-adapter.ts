import { AtpAgent, RichText } from '@atproto/api';
import type { PlatformAdapter, PublishedReply, ReplyTarget } from '../adapter.ts';
import { MalformedPayloadError, PlatformError } from '../errors.ts';
import { isSessionProblem, toBlueskyError, type BlueskyAction } from './bluesky-errors.ts';
import { AuthorFeedSchema, blueskyPostUrl, CreatedRecordSchema, describeIssues, PostsSchema, SessionSchema, sortAtOf, type PostView, type StrongRef } from './bluesky-payloads.ts';
import { BLUESKY_MAX_PAGE, createBlueskyPoller, type BlueskyAccount } from './bluesky-poll.ts';
import { BlueskyQuerySchema, type BlueskyQuery } from './bluesky-query.ts';
import { checkBlueskyReply } from './bluesky-text.ts';

const PLATFORM = 'bluesky';
export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';
/** getAuthorFeed pages hold at most 100 posts, as search pages do; getPosts takes 25 URIs. */
const MAX_PAGE = BLUESKY_MAX_PAGE;
const MAX_URIS_PER_LOOKUP = 25;

export interface BlueskyAdapterOptions {
  /** The account replies are posted as: its handle (e.g. acme.bsky.social), DID or e-mail. */
  identifier: string;
  /** An app password of that account (xxxx-xxxx-xxxx-xxxx), never the account password. */
  appPassword: string;
  /** The account's PDS or entryway. Default https://bsky.social; tests aim it at a fake. */
  serviceUrl?: string;
  /** A request with no answer for this long fails (as "unknown" when it was a post). Default 30 s. */
  timeoutMs?: number;
  /** Posts read per keyword on its very first poll; older ones are not collected. Default 25. */
  firstPollBacklog?: number;
  /** Search pages one poll reads at most, over all keywords; the rest waits for the next poll. Default 10. */
  maxPagesPerPoll?: number;
  /**
   * How far below the newest post read each search looks again, for posts that the search
   * index shows late. Re-read posts are recognised and not collected twice. Default 60 s.
   */
  overlapMs?: number;
  /** Look up the posts that mentions reply to (one getPosts per 25) for the inbox's context. Default true. */
  fetchParents?: boolean;
  /** Pages (100 posts each) of the account's own posts findReply reads at most. Default 5. */
  findReplyMaxPages?: number;
  now?: () => Date;
}

/** Text as Bluesky will have stored it, for comparing a reply we sent with one we find. */
const comparable = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** A fetch that gives up after `timeoutMs`, whatever else may abort it. */
function fetchWithTimeout(timeoutMs: number): typeof globalThis.fetch {
  return (input, init) => {
    // CredentialSession hands over a finished Request; session calls pass url and init.
    const request = new Request(input, init);
    return globalThis.fetch(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) });
  };
}

/**
 * Bluesky through @atproto/api: the newest posts matching each keyword (searchPosts,
 * sort=latest), and replies posted as the account of the app password. Everything Bluesky
 * sends is checked with zod before use; every failure becomes the errors the pipeline
 * expects (errors.ts).
 */
export function createBlueskyAdapter(options: BlueskyAdapterOptions): PlatformAdapter<BlueskyQuery> {
  const identifier = options.identifier.trim().replace(/^@/, '');
  const findReplyMaxPages = options.findReplyMaxPages ?? 5;
  const now = options.now ?? (() => new Date());
  // The session is made on first use, not here: building the adapter must not touch the network.
  const agent = new AtpAgent({ service: options.serviceUrl ?? BLUESKY_DEFAULT_SERVICE, fetch: fetchWithTimeout(options.timeoutMs ?? 30_000) });

  let signingIn: Promise<BlueskyAccount> | null = null;
  const signIn = (): Promise<BlueskyAccount> => {
    signingIn ??= agent
      .login({ identifier, password: options.appPassword })
      .then((res) => {
        const parsed = SessionSchema.safeParse(res.data);
        if (!parsed.success) throw new MalformedPayloadError(PLATFORM, 'sign-in answer (createSession)', describeIssues(parsed.error));
        return parsed.data;
      })
      .catch((error: unknown) => {
        throw toBlueskyError(error, 'sign-in', `signing in as ${identifier}`);
      })
      .finally(() => {
        signingIn = null;
      });
    return signingIn;
  };
  const me = (): Promise<BlueskyAccount> => {
    const session = agent.session;
    return session ? Promise.resolve({ did: session.did, handle: session.handle }) : signIn();
  };

  /**
   * One XRPC call with a session. @atproto/api renews an expired access token by itself; a
   * session problem that still gets through (the refresh token expired or was revoked) gets
   * one fresh sign-in and one more try. A refused request made nothing, so that is safe for posts too.
   */
  async function call<T>(action: BlueskyAction, where: string, run: (agent: AtpAgent, me: BlueskyAccount) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let self = await me();
    for (let attempt = 0; ; attempt++) {
      try {
        return await run(agent, self);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (attempt === 0 && isSessionProblem(error)) {
          self = await signIn();
          continue;
        }
        throw toBlueskyError(error, action, where);
      }
    }
  }

  /** Posts by URI; ones deleted or not visible are simply absent. `forReply`: a bad answer stops a send, retryably. */
  async function lookUpPosts(uris: string[], options: { signal?: AbortSignal; forReply?: boolean } = {}): Promise<Map<string, PostView>> {
    const { signal } = options;
    const found = new Map<string, PostView>();
    for (let i = 0; i < uris.length; i += MAX_URIS_PER_LOOKUP) {
      const chunk = uris.slice(i, i + MAX_URIS_PER_LOOKUP);
      const res = await call('read', 'a post lookup (getPosts)', (a) => a.app.bsky.feed.getPosts({ uris: chunk }, { signal }), signal);
      const parsed = PostsSchema.safeParse(res.data);
      if (!parsed.success) {
        if (options.forReply) {
          throw new PlatformError(PLATFORM, `Bluesky sent a malformed answer when looking up the post being answered (${describeIssues(parsed.error)}); the reply was not sent and is tried again.`, {
            retryable: true,
          });
        }
        throw new MalformedPayloadError(PLATFORM, 'post lookup (getPosts)', describeIssues(parsed.error));
      }
      for (const post of parsed.data.posts) found.set(post.uri, post);
    }
    return found;
  }

  const poll = createBlueskyPoller({
    call,
    me,
    lookUpPosts,
    firstPollBacklog: Math.min(options.firstPollBacklog ?? 25, BLUESKY_MAX_PAGE),
    maxPagesPerPoll: options.maxPagesPerPoll ?? 10,
    overlapMs: options.overlapMs ?? 60_000,
    fetchParents: options.fetchParents ?? true,
  });

  return {
    platform: PLATFORM,
    querySchema: BlueskyQuerySchema,
    checkReply: checkBlueskyReply,

    poll,

    async publishReply(target: ReplyTarget, text: string): Promise<PublishedReply> {
      const check = checkBlueskyReply(text);
      if (!check.ok) throw new PlatformError(PLATFORM, check.message, { retryable: false });
      // Bluesky stores a reply to a deleted post without complaint, and a reply needs the
      // parent's CID and its thread root: both come from looking the parent up first.
      const parent = (await lookUpPosts([target.externalId], { forReply: true })).get(target.externalId);
      if (!parent) {
        throw new PlatformError(PLATFORM, `The Bluesky post being answered (${target.externalId}) was deleted or is no longer visible, so the reply cannot be posted.`, {
          retryable: false,
          sent: 'no',
        });
      }
      const parentRef: StrongRef = { uri: parent.uri, cid: parent.cid };
      const root: StrongRef = parent.record.reply?.root ?? parentRef;
      const rich = new RichText({ text });
      rich.detectFacetsWithoutResolution();
      // Mentions would need their handles resolved to DIDs; links and hashtags are complete as detected.
      const facets = rich.facets?.filter((f) => f.features.every((feature) => feature.$type !== 'app.bsky.richtext.facet#mention'));
      let author: BlueskyAccount | null = null;
      const res = await call('publish', `the reply to ${target.externalId}`, (a, self) => {
        author = self;
        return a.com.atproto.repo.createRecord({
          repo: self.did,
          collection: 'app.bsky.feed.post',
          record: {
            $type: 'app.bsky.feed.post',
            text,
            createdAt: now().toISOString(),
            reply: { root, parent: parentRef },
            ...(facets && facets.length > 0 ? { facets } : {}),
          },
        });
      });
      const created = CreatedRecordSchema.safeParse(res.data);
      if (!created.success) {
        throw new PlatformError(
          PLATFORM,
          `Bluesky accepted the reply to ${target.externalId} but its answer is malformed (${describeIssues(created.error)}); whether it was posted is checked before any retry.`,
          { retryable: true, sent: 'unknown' },
        );
      }
      return { externalId: created.data.uri, url: blueskyPostUrl(author ?? (await me()), created.data.uri) };
    },

    async findReply(target: ReplyTarget, text: string): Promise<PublishedReply | null> {
      const self = await me();
      const wanted = comparable(text);
      // The reply cannot be older than what it answers: reading back that far and finding nothing is a sure "no".
      const parent = (await lookUpPosts([target.externalId])).get(target.externalId);
      const floor = parent ? sortAtOf(parent) : null;
      let pageCursor: string | undefined;
      for (let page = 0; page < findReplyMaxPages; page++) {
        const res = await call('read', "the account's own recent posts (getAuthorFeed)", (a) =>
          a.app.bsky.feed.getAuthorFeed({ actor: self.did, filter: 'posts_with_replies', limit: MAX_PAGE, ...(pageCursor ? { cursor: pageCursor } : {}) }),
        );
        const parsed = AuthorFeedSchema.safeParse(res.data);
        if (!parsed.success) throw new MalformedPayloadError(PLATFORM, "page of the account's own posts", describeIssues(parsed.error));
        const own = parsed.data.feed.filter((item) => item.reason === undefined && item.post.author.did === self.did).map((item) => item.post);
        const match = own.find((p) => p.record.reply?.parent.uri === target.externalId && comparable(p.record.text) === wanted);
        if (match) return { externalId: match.uri, url: blueskyPostUrl(self, match.uri) };
        const reachedParent = floor !== null && own.some((p) => Date.parse(p.indexedAt) < floor);
        if (!parsed.data.cursor || parsed.data.feed.length === 0 || reachedParent) return null;
        pageCursor = parsed.data.cursor;
      }
      throw new PlatformError(
        PLATFORM,
        `Could not tell whether the reply to ${target.externalId} was posted: the account has made more than ${findReplyMaxPages * MAX_PAGE} posts since. Check on Bluesky and mark the reply by hand.`,
        { retryable: false },
      );
    },
  };
}
