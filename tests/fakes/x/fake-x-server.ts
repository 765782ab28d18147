import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { XContract, type XExchange } from '../../contracts/x/x-contract.ts';
import { listenOnLoopback, type LoopbackServer } from '../loopback.ts';
import { authenticateX, FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS } from './x-oauth1.ts';
import { Fail, invalidRequest, problem, type Json } from './x-problems.ts';
import { MAX_POST_WEIGHT, postWeight } from './x-post-weight.ts';
import { compileSearchQuery, SearchQueryError } from './search-query.ts';

/**
 * A small X API v2 on 127.0.0.1: the endpoints Earshot uses, with the payloads, status codes
 * and headers X defines (checked against X's OpenAPI description in tests/contracts/x/).
 * Tests drive it: add users and posts over time, split pages, queue faults, delete posts, and
 * read back every request and every response it sent.
 */

export { FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS, postWeight };

export type FakeXRoute = 'search' | 'mentions' | 'userTweets' | 'me' | 'createPost' | 'getPost';

export type FakeXFault =
  /** 429 "Too Many Requests"; every request on the route gets it until `resetAt`, as on X. */
  | { kind: 'rate-limit'; resetAt: Date }
  /** 429 with X's usage-capped problem: the plan's monthly cap, not a rate window. */
  | { kind: 'usage-capped' }
  | { kind: 'server-error'; status?: 500 | 502 | 503 }
  | { kind: 'unauthorized' }
  /** The request is read and never answered (the client times out). Nothing is done. */
  | { kind: 'hang' }
  /** The connection is closed without an answer. Nothing is done. */
  | { kind: 'reset' }
  /** 200 with a body cut off half-way. For POST /2/tweets the post is created first. */
  | { kind: 'malformed-json' }
  /** 200 with valid JSON that is not X's shape. For POST /2/tweets the post is created first. */
  | { kind: 'wrong-shape' }
  /** The request is carried out (a post is created) but its answer never arrives. */
  | { kind: 'lose-response'; how: 'hang' | 'reset' };

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
  followers: number;
  verified: boolean;
}

export interface FakeXPost {
  id: string;
  /** As stored by X: links already shortened to t.co. */
  text: string;
  authorId: string;
  createdAt: Date;
  lang: string;
  inReplyToId: string | null;
  inReplyToUserId: string | null;
  conversationId: string;
  retweetOfId: string | null;
  deleted: boolean;
}

export interface FakeXExchange extends XExchange {
  route: FakeXRoute | null;
  query: string;
  fault: FakeXFault['kind'] | null;
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

const FIFTEEN_MINUTES = 15 * 60_000;
/** X's published per-user limits for these endpoints, per 15 minutes. */
const DEFAULT_LIMITS: Record<FakeXRoute, number> = {
  search: 450,
  mentions: 450,
  userTweets: 900,
  me: 75,
  createPost: 100,
  getPost: 900,
};
const TWITTER_EPOCH = 1288834974657n;
const SEVEN_DAYS = 7 * 24 * 3600_000;
const ONE_DAY = 24 * 3600_000;

type Auth = { kind: 'user'; userId: string } | { kind: 'app' };

const TWEET_FIELDS_ALWAYS = ['id', 'text', 'edit_history_tweet_ids'];
const USER_FIELDS_ALWAYS = ['id', 'name', 'username'];

/** X answers with text HTML-escaped. */
function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export class FakeXServer {
  readonly contract = new XContract();
  readonly users = new Map<string, FakeXUser>();
  readonly posts = new Map<string, FakeXPost>();
  /** Every request received, in order. */
  readonly requests: { route: FakeXRoute | null; method: string; path: string; query: string; delivered: boolean }[] = [];
  /** Every response sent, in order (answers never delivered are not here). */
  readonly exchanges: FakeXExchange[] = [];
  /** Every POST /2/tweets received, whatever became of it. */
  readonly received: ReceivedCreate[] = [];
  readonly brand: FakeXUser;

  private server: LoopbackServer | null = null;
  private readonly now: () => number;
  private readonly maxQueryLength: number;
  private readonly faults: { route: FakeXRoute | 'any'; fault: FakeXFault; skip: number }[] = [];
  private readonly pageSplits = new Map<FakeXRoute, number[]>();
  private readonly windows = new Map<FakeXRoute, { limit: number; windowMs: number; used: number; resetAt: number }>();
  private postingCap: { limit: number; windowMs: number; used: number; resetAt: number };
  private lastId = 0n;
  private nextUserId = 900000001;

  constructor(options: FakeXOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxQueryLength = options.maxQueryLength ?? 512;
    for (const route of Object.keys(DEFAULT_LIMITS) as FakeXRoute[]) {
      const custom = options.rateLimits?.[route];
      this.windows.set(route, { limit: custom?.limit ?? DEFAULT_LIMITS[route], windowMs: custom?.windowMs ?? FIFTEEN_MINUTES, used: 0, resetAt: 0 });
    }
    this.postingCap = { limit: options.postingCap?.limit ?? 100, windowMs: options.postingCap?.windowMs ?? ONE_DAY, used: 0, resetAt: 0 };
    this.brand = this.addUser({ username: options.brand?.username ?? 'AcmeAir', name: options.brand?.name ?? 'Acme Air', followers: options.brand?.followers ?? 125_000, verified: true });
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

  addUser(user: { username: string; name?: string; followers?: number; verified?: boolean; id?: string }): FakeXUser {
    const created: FakeXUser = {
      id: user.id ?? String(this.nextUserId++),
      username: user.username,
      name: user.name ?? user.username,
      followers: user.followers ?? 100,
      verified: user.verified ?? false,
    };
    this.users.set(created.id, created);
    return created;
  }

  userByName(username: string): FakeXUser | undefined {
    return [...this.users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  /**
   * Posts as `author` (a username; created on first use). Ids grow with time, as X's
   * snowflakes do, and with every post added: add posts in the order they were made.
   */
  addPost(post: { author: string; text: string; replyTo?: string; retweetOf?: string; lang?: string; at?: Date }): FakeXPost {
    const author = this.userByName(post.author) ?? this.addUser({ username: post.author });
    const parent = post.replyTo ? this.posts.get(post.replyTo) : undefined;
    if (post.replyTo && !parent) throw new Error(`No post ${post.replyTo} to reply to`);
    const createdAt = post.at ?? new Date(this.now());
    const id = this.nextId(createdAt.getTime());
    const created: FakeXPost = {
      id,
      text: this.shortenLinks(post.text),
      authorId: author.id,
      createdAt,
      lang: post.lang ?? 'en',
      inReplyToId: parent?.id ?? null,
      inReplyToUserId: parent?.authorId ?? null,
      conversationId: parent?.conversationId ?? id,
      retweetOfId: post.retweetOf ?? null,
      deleted: false,
    };
    this.posts.set(id, created);
    return created;
  }

  deletePost(id: string): void {
    const post = this.posts.get(id);
    if (!post) throw new Error(`No post ${id}`);
    post.deleted = true;
  }

  /** Posts the brand account made in reply to `postId`. */
  repliesTo(postId: string): FakeXPost[] {
    return [...this.posts.values()].filter((p) => p.inReplyToId === postId && p.authorId === this.brand.id && !p.deleted);
  }

  /**
   * Queues a fault for the next request(s) on `route` (or on any route), after letting `skip`
   * of them through normally. Faults are used in the order queued.
   */
  queueFault(route: FakeXRoute | 'any', fault: FakeXFault, options: { times?: number; skip?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i++) this.faults.push({ route, fault, skip: i === 0 ? (options.skip ?? 0) : 0 });
  }

  pendingFaults(): number {
    return this.faults.length;
  }

  /** The next pages on `route` hold at most these many posts each (X may return fewer than max_results). */
  splitPages(route: FakeXRoute, sizes: number[]): void {
    this.pageSplits.set(route, [...sizes]);
  }

  setRateLimit(route: FakeXRoute, limit: { limit: number; windowMs: number }): void {
    this.windows.set(route, { ...limit, used: 0, resetAt: 0 });
  }

  /**
   * Sets the account's 24-hour posting cap: `limit` posts per window, `used` of them already
   * made in the window that resets at `resetAt` (a new window starts then).
   */
  setPostingCap(cap: { limit: number; used?: number; resetAt?: Date; windowMs?: number }): void {
    const windowMs = cap.windowMs ?? this.postingCap.windowMs;
    this.postingCap = { limit: cap.limit, windowMs, used: cap.used ?? 0, resetAt: cap.resetAt?.getTime() ?? this.now() + windowMs };
  }

  requestsTo(route: FakeXRoute): FakeXServer['requests'] {
    return this.requests.filter((r) => r.route === route);
  }

  // ---------------------------------------------------------------- internals

  private nextId(ms: number): string {
    let id = (BigInt(ms) - TWITTER_EPOCH) << 22n;
    if (id <= this.lastId) id = this.lastId + 1n;
    this.lastId = id;
    return id.toString();
  }

  private shortenLinks(text: string): string {
    return text.replace(/https?:\/\/[^\s]+/g, (link) => {
      const code = createHash('sha256').update(link).digest('base64url').replace(/[-_]/g, 'x').slice(0, 10);
      return `https://t.co/${code}`;
    });
  }

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

  private takeFault(route: FakeXRoute): FakeXFault | null {
    const index = this.faults.findIndex((f) => f.route === route || f.route === 'any');
    if (index < 0) return null;
    const entry = this.faults[index]!;
    if (entry.skip > 0) {
      entry.skip--;
      return null;
    }
    return this.faults.splice(index, 1)[0]!.fault;
  }

  private window(route: FakeXRoute) {
    const w = this.windows.get(route)!;
    if (this.now() >= w.resetAt) {
      w.used = 0;
      w.resetAt = this.now() + w.windowMs;
    }
    return w;
  }

  private rateHeaders(route: FakeXRoute | null): Record<string, string> {
    const w = route ? this.window(route) : { limit: 0, used: 0, resetAt: this.now() + FIFTEEN_MINUTES };
    return {
      'x-rate-limit-limit': String(w.limit),
      'x-rate-limit-remaining': String(Math.max(0, w.limit - w.used)),
      'x-rate-limit-reset': String(Math.ceil(w.resetAt / 1000)),
    };
  }

  private capWindow() {
    const cap = this.postingCap;
    if (this.now() >= cap.resetAt) {
      cap.used = 0;
      cap.resetAt = this.now() + cap.windowMs;
    }
    return cap;
  }

  /** X sends the account's 24-hour posting cap with every answer to POST /2/tweets. */
  private capHeaders(): Record<string, string> {
    const cap = this.capWindow();
    return {
      'x-user-limit-24hour-limit': String(cap.limit),
      'x-user-limit-24hour-remaining': String(Math.max(0, cap.limit - cap.used)),
      'x-user-limit-24hour-reset': String(Math.ceil(cap.resetAt / 1000)),
    };
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

    const send = (status: number, body: Json | string, fault: FakeXFault['kind'] | null = null) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const isProblem = status >= 400;
      const headers: Record<string, string> = {
        'content-type': isProblem ? 'application/problem+json' : 'application/json; charset=utf-8',
        ...this.rateHeaders(route),
        ...(route === 'createPost' ? this.capHeaders() : {}),
      };
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
      this.exchanges.push({ route, method, path: url.pathname, query: url.search, status, headers, body: text, fault });
    };
    const undelivered = (how: 'hang' | 'reset') => {
      record.delivered = false;
      if (how === 'reset') req.socket.destroy();
      // 'hang': leave the request open until the client gives up or the fake closes.
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

      const fault = this.takeFault(matched.route);
      if (fault?.kind === 'hang' || fault?.kind === 'reset') return undelivered(fault.kind);
      if (fault?.kind === 'unauthorized') throw problem(401, 'Unauthorized', 'Unauthorized');
      if (fault?.kind === 'server-error') {
        const status = fault.status ?? 503;
        const title = status === 500 ? 'Internal Server Error' : status === 502 ? 'Bad Gateway' : 'Service Unavailable';
        throw problem(status, title, title);
      }
      if (fault?.kind === 'usage-capped') {
        throw problem(429, 'UsageCapExceeded', 'Usage cap exceeded: Monthly product cap', 'https://api.twitter.com/2/problems/usage-capped', {
          period: 'Monthly',
          scope: 'Product',
        });
      }
      const w = this.window(matched.route);
      if (fault?.kind === 'rate-limit') {
        w.used = w.limit + 1;
        w.resetAt = fault.resetAt.getTime();
      } else w.used++;
      if (w.used > w.limit) throw problem(429, 'Too Many Requests', 'Too Many Requests');
      // The 24-hour cap is X's too: a 429 like the window's, told apart by its headers.
      if (matched.route === 'createPost' && this.capWindow().used >= this.postingCap.limit) throw problem(429, 'Too Many Requests', 'Too Many Requests');

      const issues = this.contract.checkRequest(method, url.pathname, url.searchParams);
      if (issues.length > 0) throw invalidRequest(issues);

      const { status, body } = this.dispatch(matched.route, matched.id, url.searchParams, auth, created);
      if (created) created.status = status;
      if (fault?.kind === 'lose-response') {
        if (created) created.status = null;
        return undelivered(fault.how);
      }
      if (fault?.kind === 'malformed-json') {
        const whole = JSON.stringify(body);
        return send(status, whole.slice(0, Math.max(1, Math.floor(whole.length / 2))), 'malformed-json');
      }
      if (fault?.kind === 'wrong-shape') {
        const odd = route === 'createPost' || route === 'me' || route === 'getPost' ? { data: { id: 42, created: true } } : { data: [{ id: 42, body: 'not a post' }], meta: { count: '1' } };
        return send(status, odd, 'wrong-shape');
      }
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
        return { status: 200, body: { data: this.renderUser(user, fieldsOf(q, 'user.fields')) } };
      }
      case 'getPost': {
        const post = this.posts.get(id!);
        if (!post || post.deleted) return { status: 200, body: { errors: [notFound('tweet', 'id', id!)] } };
        return { status: 200, body: this.renderPosts([post], q, 'single') };
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
    this.capWindow().used++;
    const post = this.addPost({ author: author.username, text: request.text, ...(parentId ? { replyTo: parentId } : {}) });
    received.createdId = post.id;
    return { status: 201, body: { data: { id: post.id, text: escapeText(post.text), edit_history_tweet_ids: [post.id] } } };
  }

  private visiblePosts(): FakeXPost[] {
    return [...this.posts.values()].filter((p) => !p.deleted);
  }

  private searchable(p: FakeXPost) {
    const author = this.users.get(p.authorId);
    return {
      text: p.text,
      lang: p.lang,
      authorUsername: author?.username ?? '',
      authorId: p.authorId,
      inReplyToUsername: p.inReplyToUserId ? (this.users.get(p.inReplyToUserId)?.username ?? null) : null,
      inReplyToId: p.inReplyToId,
      conversationId: p.conversationId,
      isRetweet: p.retweetOfId !== null,
      isQuote: false,
    };
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
    const body = this.renderPosts(page, q, 'list');
    const meta: Json = { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id, result_count: page.length };
    if (sorted.length > page.length) meta.next_token = Buffer.from(`pos${page.at(-1)!.id}`).toString('base64url');
    return { ...body, meta };
  }

  private renderPosts(posts: FakeXPost[], q: URLSearchParams, mode: 'list' | 'single'): Json {
    const tweetFields = fieldsOf(q, 'tweet.fields');
    const userFields = fieldsOf(q, 'user.fields');
    const expansions = new Set(fieldsOf(q, 'expansions'));
    const users = new Map<string, FakeXUser>();
    const referenced = new Map<string, FakeXPost>();
    const errors: Json[] = [];
    const wantUser = (userId: string | null) => {
      const user = userId ? this.users.get(userId) : undefined;
      if (user) users.set(user.id, user);
    };
    for (const post of posts) {
      if (expansions.has('author_id')) wantUser(post.authorId);
      if (expansions.has('in_reply_to_user_id')) wantUser(post.inReplyToUserId);
      for (const ref of references(post)) {
        if (!expansions.has('referenced_tweets.id')) continue;
        const target = this.posts.get(ref.id);
        if (!target || target.deleted) {
          errors.push(notFound('tweet', 'referenced_tweets.id', ref.id));
          continue;
        }
        referenced.set(target.id, target);
        if (expansions.has('referenced_tweets.id.author_id')) wantUser(target.authorId);
      }
    }
    const data = posts.map((p) => this.renderPost(p, tweetFields));
    const includes: Json = {};
    if (users.size > 0) includes.users = [...users.values()].map((u) => this.renderUser(u, userFields));
    if (referenced.size > 0) includes.tweets = [...referenced.values()].map((p) => this.renderPost(p, tweetFields));
    return {
      data: mode === 'single' ? data[0] : data,
      ...(Object.keys(includes).length > 0 ? { includes } : {}),
      ...(errors.length > 0 ? { errors } : {}),
    };
  }

  private renderPost(p: FakeXPost, fields: string[]): Json {
    const all: Json = {
      id: p.id,
      text: escapeText(p.text),
      edit_history_tweet_ids: [p.id],
      author_id: p.authorId,
      created_at: p.createdAt.toISOString(),
      lang: p.lang,
      conversation_id: p.conversationId,
      ...(p.inReplyToUserId ? { in_reply_to_user_id: p.inReplyToUserId } : {}),
      ...(references(p).length > 0 ? { referenced_tweets: references(p) } : {}),
      public_metrics: { retweet_count: 0, reply_count: this.repliesTo(p.id).length, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
    };
    return pick(all, [...TWEET_FIELDS_ALWAYS, ...fields]);
  }

  private renderUser(u: FakeXUser, fields: string[]): Json {
    const all: Json = {
      id: u.id,
      name: u.name,
      username: u.username,
      verified: u.verified,
      protected: false,
      created_at: '2012-03-04T05:06:07.000Z',
      public_metrics: { followers_count: u.followers, following_count: 10, tweet_count: 1000, listed_count: 3, like_count: 50 },
    };
    return pick(all, [...USER_FIELDS_ALWAYS, ...fields]);
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

function references(p: FakeXPost): { type: 'replied_to' | 'retweeted'; id: string }[] {
  const refs: { type: 'replied_to' | 'retweeted'; id: string }[] = [];
  if (p.inReplyToId) refs.push({ type: 'replied_to', id: p.inReplyToId });
  if (p.retweetOfId) refs.push({ type: 'retweeted', id: p.retweetOfId });
  return refs;
}

function fieldsOf(q: URLSearchParams, name: string): string[] {
  return (q.get(name) ?? '').split(',').filter(Boolean);
}

function pick(all: Json, fields: string[]): Json {
  const out: Json = {};
  for (const f of fields) if (f in all) out[f] = all[f];
  return out;
}

function notFound(type: 'tweet' | 'user', parameter: string, id: string): Json {
  return {
    value: id,
    detail: `Could not find ${type} with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: type,
    parameter,
    resource_id: id,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

export async function startFakeX(options: FakeXOptions = {}): Promise<FakeXServer> {
  return new FakeXServer(options).start();
}
