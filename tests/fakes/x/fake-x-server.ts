import type { IncomingMessage, ServerResponse } from 'node:http';
import { XContract, type XExchange } from '../../contracts/x/x-contract.ts';
import { type FakeFault, type FaultCount, FaultQueue, htmlErrorPage } from '../faults.ts';
import { listenOnLoopback, type LoopbackServer } from '../loopback.ts';
import { authenticateX, FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS } from './x-oauth1.ts';
import { Fail, invalidRequest, problem, X_USAGE_CAPPED, type Json } from './x-problems.ts';
import { MAX_POST_WEIGHT, postWeight } from './x-post-weight.ts';
import { compileSearchQuery, SearchQueryError } from './search-query.ts';
import { XRateWindows, type FakeXRoute } from './x-rate-windows.ts';
import { fieldsOf, notFound, renderPosts, renderUser, escapeText } from './x-render.ts';
import { TWITTER_EPOCH, XWorld, type FakeXPost } from './x-world.ts';

/**
 * A small X API v2 on 127.0.0.1: the endpoints Earshot uses, with the payloads, status codes
 * and headers X defines (checked against X's OpenAPI description in tests/contracts/x/).
 * Tests drive it: add users and posts over time (x-world.ts), split pages, inject faults (the
 * shared vocabulary of ../faults.ts), change rate limits (x-rate-windows.ts), and read back
 * every request and every response it sent.
 */

export { FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS, postWeight, X_USAGE_CAPPED };
export type { FakeFault, FakeXRoute };
export type { FakeXPost, FakeXUser } from './x-world.ts';

/** A page of posts that is valid JSON but not X's shape, for a `body` fault on a list route. */
export const WRONG_SHAPE_PAGE: Json = { data: [{ id: 42, body: 'not a post' }], meta: { count: '1' } };
/** A single post (or created post, or user) that is not X's shape, for a `body` fault. */
export const WRONG_SHAPE_POST: Json = { data: { id: 42, created: true } };

/** Which requests a fault applies to: one route (any when left out), and how often. */
export interface FakeXFaultMatch extends FaultCount {
  route?: FakeXRoute;
}

export interface FakeXExchange extends XExchange {
  route: FakeXRoute | null;
  query: string;
  fault: FakeFault['kind'] | null;
}

export interface ReceivedCreate {
  body: unknown;
  /** The status X answered with; null when the answer was never delivered. */
  status: number | null;
  createdId: string | null;
}

export interface FakeXOptions {
  /** X's clock, for created_at and rate limit windows. */
  now?: () => number;
  /** The account the access token belongs to (the brand). */
  brand?: { username: string; name?: string; followers?: number };
  /** Recent search query length limit of the app's access level (512 on Basic). */
  maxQueryLength?: number;
  rateLimits?: Partial<Record<FakeXRoute, { limit: number; windowMs: number }>>;
  /**
   * The account's 24-hour posting cap (X's `x-user-limit-24hour-*`): posts created per
   * rolling day. 100 unless given (X's Basic access; Free is 17).
   */
  postingCap?: { limit: number; windowMs?: number };
}

const SEVEN_DAYS = 7 * 24 * 3600_000;

type Auth = { kind: 'user'; userId: string } | { kind: 'app' };

const STATUS_TITLES: Record<number, string> = { 401: 'Unauthorized', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export class FakeXServer extends XWorld {
  readonly contract = new XContract();
  /** Every request received, in order. */
  readonly requests: { route: FakeXRoute | null; method: string; path: string; query: string; delivered: boolean }[] = [];
  /** Every response sent, in order (answers never delivered are not here). */
  readonly exchanges: FakeXExchange[] = [];
  /** Every POST /2/tweets received, whatever became of it. */
  readonly received: ReceivedCreate[] = [];
  readonly rates: XRateWindows;

  private server: LoopbackServer | null = null;
  private readonly maxQueryLength: number;
  private readonly faults = new FaultQueue<FakeXFaultMatch>();
  private readonly pageSplits = new Map<FakeXRoute, number[]>();

  constructor(options: FakeXOptions = {}) {
    super(options.now ?? Date.now, options.brand ?? { username: 'AcmeAir' });
    this.maxQueryLength = options.maxQueryLength ?? 512;
    this.rates = new XRateWindows(this.now, options);
  }

  get url(): string {
    if (!this.server) throw new Error('The fake X server is not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    this.server = await listenOnLoopback((req, res) => void this.handle(req, res));
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  // ---------------------------------------------------------------- scripting

  /**
   * Queues a fault (../faults.ts) for the next request(s) on `match.route` (or on any route),
   * after letting `skip` of them through normally. Faults are used in the order queued.
   */
  inject(fault: FakeFault, match: FakeXFaultMatch = {}): void {
    this.faults.push(fault, match);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  pendingFaults(): number {
    return this.faults.pending;
  }

  /** Drops the connections left hanging by `hang` and `drop-response` faults. */
  releaseHung(): void {
    this.server?.releaseHung();
  }

  /** The next pages on `route` hold at most these many posts each (X may return fewer than max_results). */
  splitPages(route: FakeXRoute, sizes: number[]): void {
    this.pageSplits.set(route, [...sizes]);
  }

  setRateLimit(route: FakeXRoute, limit: { limit: number; windowMs: number }): void {
    this.rates.setRateLimit(route, limit);
  }

  /**
   * Sets the account's 24-hour posting cap: `limit` posts per window, `used` of them already
   * made in the window that resets at `resetAt` (a new window starts then).
   */
  setPostingCap(cap: { limit: number; used?: number; resetAt?: Date; windowMs?: number }): void {
    this.rates.setPostingCap(cap);
  }

  requestsTo(route: FakeXRoute): FakeXServer['requests'] {
    return this.requests.filter((r) => r.route === route);
  }

  // ---------------------------------------------------------------- internals

  private routeOf(method: string, path: string): { route: FakeXRoute; id?: string } | null {
    if (method === 'GET' && path === '/2/tweets/search/recent') return { route: 'search' };
    if (method === 'GET' && path === '/2/users/me') return { route: 'me' };
    if (method === 'POST' && path === '/2/tweets') return { route: 'createPost' };
    let m = /^\/2\/users\/([^/]+)\/mentions$/.exec(path);
    if (method === 'GET' && m) return { route: 'mentions', id: m[1]! };
    m = /^\/2\/users\/([^/]+)\/tweets$/.exec(path);
    if (method === 'GET' && m) return { route: 'userTweets', id: m[1]! };
    m = /^\/2\/tweets\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) return { route: 'getPost', id: m[1]! };
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const matched = this.routeOf(method, url.pathname);
    const route = matched?.route ?? null;
    const record = { route, method, path: url.pathname, query: url.search, delivered: true };
    this.requests.push(record);

    const send = (status: number, body: Json | string, fault: FakeFault['kind'] | null = null) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const isProblem = status >= 400;
      const headers: Record<string, string> = {
        'content-type': isProblem ? 'application/problem+json' : 'application/json; charset=utf-8',
        ...this.rates.rateHeaders(route),
        ...(route === 'createPost' ? this.rates.capHeaders() : {}),
      };
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      this.exchanges.push({ route, method, path: url.pathname, query: url.search, status, headers, body: text, fault });
    };
    const sendHtml = (status: number) => {
      const text = htmlErrorPage(status);
      const headers = { 'content-type': 'text/html' };
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      this.exchanges.push({ route, method, path: url.pathname, query: url.search, status, headers, body: text, fault: 'html' });
    };
    const undelivered = (how: 'hang' | 'reset') => {
      record.delivered = false;
      if (how === 'reset') req.socket.destroy();
      // 'hang': left open until the client gives up, `releaseHung()` or `close()`.
      else this.server?.hold(req.socket);
    };

    let created: ReceivedCreate | null = null;
    if (route === 'createPost') {
      let body: unknown = rawBody;
      try {
        body = JSON.parse(rawBody);
      } catch {
        // Kept raw: the test still sees what arrived.
      }
      created = { body, status: null, createdId: null };
      this.received.push(created);
    }

    try {
      if (!matched) throw problem(404, 'Not Found Error', `The requested resource ${url.pathname} could not be found.`);
      const signed = authenticateX(req, url);
      const auth: Auth | null = signed && (signed.kind === 'user' ? { kind: 'user', userId: this.brand.id } : { kind: 'app' });
      if (!auth) throw problem(401, 'Unauthorized', 'Unauthorized');

      let fault = this.faults.take((m) => m.route === undefined || m.route === matched.route);
      if (fault?.kind === 'slow') {
        await new Promise((resolve) => setTimeout(resolve, fault!.kind === 'slow' ? fault!.delayMs : 0));
        fault = null;
      }
      if (fault?.kind === 'hang' || fault?.kind === 'reset') return undelivered(fault.kind);
      if (fault?.kind === 'status') {
        if (fault.body !== undefined) throw new Fail(fault.status, fault.body as Json);
        const title = STATUS_TITLES[fault.status] ?? 'Error';
        throw problem(fault.status, title, title);
      }
      if (fault?.kind === 'html') {
        const status = fault.status ?? 502;
        if (created) created.status = status;
        return sendHtml(status);
      }
      const w = this.rates.window(matched.route);
      if (fault?.kind === 'rate-limited') {
        // As on X, the window stays used up until the reset: the requests after this get 429 too.
        w.used = w.limit + 1;
        w.resetAt = 'resetAt' in fault ? fault.resetAt.getTime() : this.now() + fault.resetSeconds * 1000;
      } else w.used++;
      if (w.used > w.limit) throw problem(429, 'Too Many Requests', 'Too Many Requests');
      // The 24-hour cap is X's too: a 429 like the window's, told apart by its headers.
      if (matched.route === 'createPost' && this.rates.capReached()) throw problem(429, 'Too Many Requests', 'Too Many Requests');

      const issues = this.contract.checkRequest(method, url.pathname, url.searchParams);
      if (issues.length > 0) throw invalidRequest(issues);

      // What a write does happens before any mangled or lost answer: the post IS created.
      const { status, body } = this.dispatch(matched.route, matched.id, url.searchParams, auth, created);
      if (created) created.status = status;
      if (fault?.kind === 'drop-response') {
        if (created) created.status = null;
        return undelivered(fault.mode ?? 'reset');
      }
      if (fault?.kind === 'malformed-json') {
        const whole = JSON.stringify(body);
        return send(status, whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), 'malformed-json');
      }
      if (fault?.kind === 'body') return send(fault.status ?? 200, fault.body as Json, 'body');
      send(status, body);
    } catch (error) {
      if (!(error instanceof Fail)) throw error;
      if (created) created.status = error.status;
      send(error.status, error.body);
    }
  }

  private dispatch(route: FakeXRoute, id: string | undefined, q: URLSearchParams, auth: Auth, created: ReceivedCreate | null): { status: number; body: Json } {
    const userOnly = () => {
      if (auth.kind !== 'user') {
        throw problem(
          403,
          'Unsupported Authentication',
          'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
          'https://api.twitter.com/2/problems/unsupported-authentication',
        );
      }
      return auth.userId;
    };
    switch (route) {
      case 'me': {
        const user = this.users.get(userOnly())!;
        return { status: 200, body: { data: renderUser(user, fieldsOf(q, 'user.fields')) } };
      }
      case 'getPost': {
        const post = this.posts.get(id!);
        if (!post || post.deleted) return { status: 200, body: { errors: [notFound('tweet', 'id', id!)] } };
        return { status: 200, body: renderPosts(this, [post], q, 'single') };
      }
      case 'search': {
        const query = q.get('query') ?? '';
        if (query.length > this.maxQueryLength) {
          throw invalidRequest([{ parameter: 'query', value: query, message: `Query length must be at most ${this.maxQueryLength} characters for your access level; it has ${query.length}.` }]);
        }
        let match: ReturnType<typeof compileSearchQuery>;
        try {
          match = compileSearchQuery(query);
        } catch (error) {
          if (error instanceof SearchQueryError) throw invalidRequest([{ parameter: 'query', value: query, message: error.message }]);
          throw error;
        }
        const window = this.searchWindow(q);
        const candidates = this.visiblePosts().filter(
          (p) => p.createdAt.getTime() >= window.from && p.createdAt.getTime() < window.to && match(this.searchable(p)),
        );
        return { status: 200, body: this.listPage('search', candidates, q, 10) };
      }
      case 'mentions': {
        const user = this.users.get(id!);
        if (!user) return { status: 200, body: { errors: [notFound('user', 'id', id!)] } };
        const handle = new RegExp(`(^|[^\\w])@${user.username}(?!\\w)`, 'i');
        const candidates = this.visiblePosts().filter((p) => p.authorId !== user.id && (handle.test(p.text) || p.inReplyToUserId === user.id));
        return { status: 200, body: this.listPage('mentions', candidates, q, 10) };
      }
      case 'userTweets': {
        const user = this.users.get(id!);
        if (!user) return { status: 200, body: { errors: [notFound('user', 'id', id!)] } };
        const exclude = new Set((q.get('exclude') ?? '').split(',').filter(Boolean));
        const candidates = this.visiblePosts().filter(
          (p) => p.authorId === user.id && !(exclude.has('replies') && p.inReplyToId) && !(exclude.has('retweets') && p.retweetOfId),
        );
        return { status: 200, body: this.listPage('userTweets', candidates, q, 10) };
      }
      case 'createPost':
        return this.createPost(userOnly(), created!);
    }
  }

  /**
   * The time range recent search reads, refusing as X does what lies outside its seven days:
   * `since_id`/`until_id` of posts older than that, a `start_time` before it, and ids mixed
   * with times.
   */
  private searchWindow(q: URLSearchParams): { from: number; to: number } {
    const oldest = this.now() - SEVEN_DAYS;
    const ids = (['since_id', 'until_id'] as const).filter((name) => q.has(name));
    const times = (['start_time', 'end_time'] as const).filter((name) => q.has(name));
    if (ids.length > 0 && times.length > 0) {
      throw invalidRequest(
        [...ids, ...times].map((name) => ({ parameter: name, value: q.get(name)!, message: "Invalid use of 'since_id' or 'until_id' in conjunction with 'start_time' or 'end_time'." })),
      );
    }
    for (const name of ids) {
      const value = q.get(name)!;
      if (snowflakeTime(value) < oldest) {
        throw invalidRequest([
          { parameter: name, value, message: `Invalid '${name}':'${value}'. '${name}' must be a tweet id created after ${isoSeconds(oldest)}. Please use a '${name}' within the last 7 days.` },
        ]);
      }
    }
    const range = { from: oldest, to: Infinity };
    for (const name of times) {
      const value = q.get(name)!;
      const at = Date.parse(value);
      if (!Number.isFinite(at)) throw invalidRequest([{ parameter: name, value, message: `Invalid '${name}':'${value}'. '${name}' must be a date and time in ISO 8601 (YYYY-MM-DDTHH:mm:ssZ).` }]);
      if (name === 'start_time' && at < oldest) {
        throw invalidRequest([{ parameter: name, value, message: `Invalid '${name}':'${value}'. '${name}' must be on or after ${isoSeconds(oldest)}.` }]);
      }
      if (name === 'start_time') range.from = at;
      else range.to = at;
    }
    return range;
  }

  private createPost(userId: string, received: ReceivedCreate): { status: number; body: Json } {
    const body = received.body;
    const issues = typeof body === 'object' && body !== null ? this.contract.checkRequestBody('POST', '/2/tweets', body) : ['the body is not JSON'];
    if (issues.length > 0) throw invalidRequest(issues.map((message) => ({ parameter: 'body', value: '', message })));
    const request = body as { text?: string; reply?: { in_reply_to_tweet_id: string } };
    if (!request.text) throw invalidRequest([{ parameter: 'text', value: '', message: 'Post text must not be empty when no media is attached.' }]);
    if (postWeight(request.text) > MAX_POST_WEIGHT) {
      throw problem(403, 'Forbidden', 'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.');
    }
    const parentId = request.reply?.in_reply_to_tweet_id;
    if (parentId) {
      const parent = this.posts.get(parentId);
      if (!parent || parent.deleted) throw problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
    }
    const text = this.shortenLinks(request.text);
    if (this.visiblePosts().some((p) => p.authorId === userId && p.text === text)) {
      throw problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const author = this.users.get(userId)!;
    this.rates.capWindow().used++;
    const post = this.addPost({ author: author.username, text: request.text, ...(parentId ? { replyTo: parentId } : {}) });
    received.createdId = post.id;
    return { status: 201, body: { data: { id: post.id, text: escapeText(post.text), edit_history_tweet_ids: [post.id] } } };
  }

  /** Newest first, since_id/until_id exclusive, next_token continuing after the page's oldest post. */
  private listPage(route: FakeXRoute, candidates: FakeXPost[], q: URLSearchParams, defaultMax: number): Json {
    const since = q.get('since_id');
    const until = q.get('until_id');
    const token = q.get('next_token') ?? q.get('pagination_token');
    let before: bigint | null = null;
    if (token) {
      const decoded = /^pos([0-9]+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!decoded) throw invalidRequest([{ parameter: route === 'search' ? 'next_token' : 'pagination_token', value: token, message: 'The pagination token is invalid.' }]);
      before = BigInt(decoded[1]!);
    }
    const sorted = candidates
      .filter((p) => (!since || BigInt(p.id) > BigInt(since)) && (!until || BigInt(p.id) < BigInt(until)) && (before === null || BigInt(p.id) < before))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const max = Number(q.get('max_results') ?? defaultMax);
    const split = this.pageSplits.get(route)?.shift();
    const size = Math.min(max, split ?? max);
    const page = sorted.slice(0, size);
    if (page.length === 0) return { meta: { result_count: 0 } };
    const body = renderPosts(this, page, q, 'list');
    const meta: Json = { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id, result_count: page.length };
    if (sorted.length > page.length) meta.next_token = Buffer.from(`pos${page.at(-1)!.id}`).toString('base64url');
    return { ...body, meta };
  }

}

/** The smallest X id made at `ms` (epoch milliseconds), e.g. for a cursor from long ago. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(ms) - TWITTER_EPOCH) << 22n).toString();
}

/** When a snowflake id was made: its top bits are milliseconds since X's epoch. */
function snowflakeTime(id: string): number {
  if (!/^[0-9]{1,19}$/.test(id)) return Number.NaN;
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeXServer> {
  return new FakeXServer(options).start();
}
