import http from 'node:http';
import { type FakeFault, type FaultCount, FaultQueue, htmlErrorPage, resetSecondsOf } from '../faults.ts';
import { listenOnLoopback } from '../loopback.ts';

/**
 * A small Reddit on loopback: the parts of the OAuth API Earshot uses, answering in Reddit's
 * Listing/Thing JSON (`{kind: 'Listing', data: {after, before, dist, children: [{kind: 't3', data}]}}`)
 * with `x-ratelimit-remaining/used/reset` headers on every answer, so the real snoowrap can be
 * pointed at it. Tests script it: add posts and comments, cut listings into small pages,
 * run out the rate limit, and make chosen requests fail, hang, lie or lose their answer.
 *
 * Endpoints: GET /search, /r/{subs}/search, /r/{subs}/comments, /api/info, /user/{name}/comments,
 * /api/v1/me; POST /api/comment, /api/v1/access_token (the token endpoint lives on www.reddit.com
 * in reality; here one origin serves both).
 */

export interface FakeRedditOptions {
  /** The bearer token the API accepts. */
  accessToken?: string;
  /** The account the token belongs to: it authors replies. */
  username?: string;
  /** For the password grant at /api/v1/access_token. */
  clientId?: string;
  clientSecret?: string;
  password?: string;
  /** Requests allowed per rate-limit window (Reddit: about 600 per 10 minutes per client). */
  rateLimit?: { perWindow: number; windowSeconds: number };
}

export type { FakeFault };

export interface FaultMatch extends FaultCount {
  method?: 'GET' | 'POST';
  /** Exact path ("/api/comment") or a pattern tested against the path. */
  path?: string | RegExp;
}

export interface FakeThing {
  kind: 't1' | 't3';
  id: string;
  name: string;
  subreddit: string;
  author: string;
  createdUtc: number;
  title?: string;
  selftext?: string;
  body?: string;
  parentId?: string;
  linkId?: string;
  deleted: boolean;
  locked: boolean;
  archived: boolean;
  /** Tie-breaker for things created in the same second: later = newer, as Reddit's ids are. */
  seq: number;
}

export interface ReplyAttempt {
  thingId: string;
  text: string;
  /** 'created' with the new fullname, or the Reddit error code it was refused with. */
  outcome: { created: string } | { refused: string } | { unauthorized: true } | { fault: FakeFault['kind'] };
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  /** The answer's status; null when none was sent (hang, reset, drop). */
  status: number | null;
}

export interface FakeRedditServer {
  /** http://127.0.0.1:PORT */
  url: string;
  accessToken: string;
  username: string;
  addPost(post: { subreddit: string; author: string; title: string; selftext?: string; createdAt?: Date }): FakeThing;
  /** A comment under a post or comment (`parent` is its fullname). */
  addComment(comment: { parent: string; author: string; body: string; createdAt?: Date }): FakeThing;
  thing(fullname: string): FakeThing | undefined;
  deleteThing(fullname: string): void;
  lockThing(fullname: string): void;
  archiveThing(fullname: string): void;
  /** Queue a fault for the next matching request(s); faults apply in the order queued. */
  inject(fault: FakeFault, match?: FaultMatch): void;
  clearFaults(): void;
  /** Caps every listing page at `size` things whatever `limit` asks (null: no cap). */
  setPageSize(size: number | null): void;
  /** Sets the current window: `remaining` requests left, reset in `resetSeconds`. At 0 every request gets 429. */
  setRateLimit(state: { remaining: number; resetSeconds: number }): void;
  /** Every POST /api/comment that reached the server, in order, whatever became of it. */
  replyAttempts: ReplyAttempt[];
  /** Comments the account created, under `parent` if given. */
  repliesBy(parent?: string): FakeThing[];
  requests: RequestRecord[];
  /** Drops the connections of requests left hanging (`hang`, `drop-response` with `mode: 'hang'`). */
  releaseHung(): void;
  close(): Promise<void>;
}

const BASE36_START = 36 ** 5; // ids look like Reddit's ("100000", "100001", ...)

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50) || 'post'
  );
}

/** Terms of a Reddit query as Earshot writes it: `(a OR "b c") NOT d`. Positive terms: any; NOT terms: none. */
function parseSearch(q: string): { any: string[]; none: string[] } {
  const any: string[] = [];
  const none: string[] = [];
  let negate = false;
  for (const m of q.matchAll(/"([^"]*)"|([^\s()"]+)/g)) {
    const term = m[1] ?? m[2]!;
    if (m[1] === undefined && /^(OR|AND)$/.test(term)) continue;
    if (m[1] === undefined && term === 'NOT') {
      negate = true;
      continue;
    }
    (negate ? none : any).push(term.toLowerCase());
    negate = false;
  }
  return { any, none };
}

export async function startFakeReddit(options: FakeRedditOptions = {}): Promise<FakeRedditServer> {
  const accessToken = options.accessToken ?? 'fake-reddit-token';
  const username = options.username ?? 'earshot_support';
  const tokens = new Set([accessToken]);
  const things = new Map<string, FakeThing>();
  const counters = { t1: BASE36_START, t3: BASE36_START, seq: 0 };
  const faults = new FaultQueue<FaultMatch>();
  const window = { perWindow: options.rateLimit?.perWindow ?? 600, seconds: options.rateLimit?.windowSeconds ?? 600, start: Date.now(), used: 0 };
  let pageSize: number | null = null;
  const replyAttempts: ReplyAttempt[] = [];
  const requests: RequestRecord[] = [];

  function create(kind: 't1' | 't3', fields: Omit<FakeThing, 'kind' | 'id' | 'name' | 'seq' | 'deleted' | 'locked' | 'archived'>): FakeThing {
    const id = (counters[kind]++).toString(36);
    const thing: FakeThing = { kind, id, name: `${kind}_${id}`, seq: counters.seq++, deleted: false, locked: false, archived: false, ...fields };
    things.set(thing.name, thing);
    return thing;
  }

  function must(fullname: string): FakeThing {
    const thing = things.get(fullname);
    if (!thing) throw new Error(`fake reddit: no thing ${fullname}`);
    return thing;
  }

  const linkOf = (t: FakeThing): FakeThing => (t.kind === 't3' ? t : must(t.linkId!));
  const postPermalink = (p: FakeThing) => `/r/${p.subreddit}/comments/${p.id}/${slug(p.title ?? '')}/`;

  function toJson(t: FakeThing): { kind: string; data: Record<string, unknown> } {
    const author = t.deleted ? '[deleted]' : t.author;
    const common = {
      id: t.id,
      name: t.name,
      author,
      ...(t.deleted ? {} : { author_fullname: `t2_${Buffer.from(t.author).toString('hex').slice(0, 10)}` }),
      created: t.createdUtc,
      created_utc: t.createdUtc,
      subreddit: t.subreddit,
      subreddit_id: `t5_${slug(t.subreddit).slice(0, 6)}`,
      subreddit_name_prefixed: `r/${t.subreddit}`,
      score: 1,
      ups: 1,
      archived: t.archived,
      locked: t.locked,
    };
    if (t.kind === 't3') {
      const permalink = postPermalink(t);
      return {
        kind: 't3',
        data: {
          ...common,
          title: t.title,
          selftext: t.deleted ? '[deleted]' : (t.selftext ?? ''),
          is_self: true,
          domain: `self.${t.subreddit}`,
          num_comments: [...things.values()].filter((c) => c.kind === 't1' && c.linkId === t.name).length,
          over_18: false,
          permalink,
          url: `https://www.reddit.com${permalink}`,
        },
      };
    }
    const link = linkOf(t);
    return {
      kind: 't1',
      data: {
        ...common,
        body: t.deleted ? '[deleted]' : t.body,
        parent_id: t.parentId,
        link_id: link.name,
        link_title: link.title,
        link_author: link.deleted ? '[deleted]' : link.author,
        link_permalink: `https://www.reddit.com${postPermalink(link)}`,
        permalink: `${postPermalink(link)}${t.id}/`,
        replies: '',
      },
    };
  }

  /** Newest first, as Reddit lists them. */
  const newestFirst = (a: FakeThing, b: FakeThing) => b.createdUtc - a.createdUtc || b.seq - a.seq;

  function listing(all: FakeThing[], query: Record<string, string>): unknown {
    const sorted = [...all].sort(newestFirst);
    let limit = Math.min(100, Math.max(1, Number.parseInt(query.limit ?? '25', 10) || 25));
    if (pageSize !== null) limit = Math.min(limit, pageSize);
    let start = 0;
    let end: number;
    if (query.after) {
      const i = sorted.findIndex((t) => t.name === query.after);
      if (i < 0) return envelope([], null, null);
      start = i + 1;
      end = start + limit;
    } else if (query.before) {
      const i = sorted.findIndex((t) => t.name === query.before);
      if (i < 0) return envelope([], null, null);
      end = i;
      start = Math.max(0, i - limit);
    } else {
      end = limit;
    }
    const page = sorted.slice(start, end);
    const after = end < sorted.length && page.length > 0 ? page.at(-1)!.name : null;
    const before = start > 0 && page.length > 0 ? page[0]!.name : null;
    return envelope(page, after, before);
  }

  function envelope(page: FakeThing[], after: string | null, before: string | null): unknown {
    return { kind: 'Listing', data: { after, before, dist: page.length, modhash: '', geo_filter: '', children: page.map(toJson) } };
  }

  const inSubs = (subs: string | null) => {
    if (subs === null || subs.toLowerCase() === 'all') return () => true;
    const wanted = new Set(subs.split('+').map((s) => s.toLowerCase()));
    return (t: FakeThing) => wanted.has(t.subreddit.toLowerCase());
  };

  function search(query: Record<string, string>, subs: string | null): unknown {
    const { any, none } = parseSearch(query.q ?? '');
    const restrict = subs !== null && ['on', 'true', '1'].includes(query.restrict_sr ?? '');
    const where = inSubs(restrict ? subs : null);
    const hits = [...things.values()].filter((t) => {
      if (t.kind !== 't3' || t.deleted || !where(t)) return false;
      const text = `${t.title ?? ''} ${t.selftext ?? ''}`.toLowerCase();
      return (any.length === 0 || any.some((w) => text.includes(w))) && !none.some((w) => text.includes(w));
    });
    return listing(hits, query);
  }

  function rateHeaders(res: http.ServerResponse, forceExhausted: { resetSeconds: number } | null): boolean {
    const now = Date.now();
    if (now >= window.start + window.seconds * 1_000) {
      window.start = now;
      window.used = 0;
    }
    let reset = Math.max(0, Math.ceil((window.start + window.seconds * 1_000 - now) / 1_000));
    let exhausted = window.used >= window.perWindow;
    if (forceExhausted) {
      exhausted = true;
      reset = forceExhausted.resetSeconds;
    }
    if (!exhausted) window.used++;
    const remaining = exhausted ? 0 : window.perWindow - window.used;
    res.setHeader('x-ratelimit-remaining', remaining.toFixed(1));
    res.setHeader('x-ratelimit-used', String(exhausted ? window.perWindow : window.used));
    res.setHeader('x-ratelimit-reset', String(reset));
    return exhausted;
  }

  function takeFault(method: string, path: string): FakeFault | null {
    return faults.take(
      (m) => (m.method === undefined || m.method === method) && (m.path === undefined || (typeof m.path === 'string' ? m.path === path : m.path.test(path))),
    );
  }

  type Answer = { status: number; body: unknown };

  function replyTo(form: Record<string, string>, attempt: ReplyAttempt): Answer {
    const refuse = (code: string, explanation: string, field: string): Answer => {
      attempt.outcome = { refused: code };
      return { status: 200, body: { json: { errors: [[code, explanation, field]] } } };
    };
    const target = things.get(form.thing_id ?? '');
    const text = form.text ?? '';
    if (!target) return refuse('NO_THING_ID', 'id not specified', 'parent');
    if (target.deleted) return target.kind === 't3' ? refuse('DELETED_LINK', 'the link you are commenting on has been deleted', 'parent') : refuse('DELETED_COMMENT', 'that comment has been deleted', 'parent');
    const link = linkOf(target);
    if (target.locked || link.locked) return refuse('THREAD_LOCKED', 'Comments are locked.', 'parent');
    if (target.archived || link.archived) return refuse('TOO_OLD', "that's a piece of history now; it's too late to reply to it", 'parent');
    if (text.trim() === '') return refuse('NO_TEXT', 'we need something here', 'text');
    if ([...text].length > 10_000) return refuse('TOO_LONG', 'this is too long (max: 10000)', 'text');
    const comment = create('t1', {
      subreddit: target.subreddit,
      author: username,
      body: text,
      parentId: target.name,
      linkId: link.name,
      createdUtc: Math.floor(Date.now() / 1_000),
    });
    attempt.outcome = { created: comment.name };
    return { status: 200, body: { json: { errors: [], data: { things: [toJson(comment)] } } } };
  }

  function route(method: string, path: string, query: Record<string, string>, form: Record<string, string>, attempt: ReplyAttempt | null): Answer {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/search') return { status: 200, body: search(query, null) };
    if (method === 'GET' && (m = /^\/r\/([^/]+)\/search$/.exec(path))) return { status: 200, body: search(query, m[1]!) };
    if (method === 'GET' && (m = /^\/r\/([^/]+)\/comments$/.exec(path))) {
      const where = inSubs(m[1]!);
      return { status: 200, body: listing([...things.values()].filter((t) => t.kind === 't1' && !t.deleted && where(t)), query) };
    }
    if (method === 'GET' && path === '/api/info') {
      const ids = (query.id ?? '').split(',').filter(Boolean);
      const found = ids.map((id) => things.get(id)).filter((t): t is FakeThing => t !== undefined);
      return { status: 200, body: envelope(found, null, null) };
    }
    if (method === 'GET' && (m = /^\/user\/([^/]+)\/comments$/.exec(path))) {
      const who = decodeURIComponent(m[1]!).toLowerCase();
      return { status: 200, body: listing([...things.values()].filter((t) => t.kind === 't1' && t.author.toLowerCase() === who && !t.deleted), query) };
    }
    if (method === 'GET' && path === '/api/v1/me') return { status: 200, body: { name: username, id: 'fake1' } };
    if (method === 'POST' && path === '/api/comment' && attempt) return replyTo(form, attempt);
    return { status: 404, body: { message: 'Not Found', error: 404 } };
  }

  function tokenGrant(req: http.IncomingMessage, form: Record<string, string>): Answer {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString().split(':') : [];
    if (id !== options.clientId || secret !== options.clientSecret || options.clientId === undefined) {
      return { status: 401, body: { message: 'Unauthorized', error: 401 } };
    }
    if (form.grant_type !== 'password' || form.username !== username || form.password !== options.password) {
      return { status: 200, body: { error: 'invalid_grant' } };
    }
    const token = `fake-token-${tokens.size}`;
    tokens.add(token);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 86_400, scope: '*' } };
  }

  const server = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/\.json$/, '').replace(/\/+$/, '') || '/';
      const method = req.method ?? 'GET';
      const query = Object.fromEntries(url.searchParams);
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      const record: RequestRecord = { method, path, query, form, status: null };
      requests.push(record);
      const attempt: ReplyAttempt | null =
        method === 'POST' && path === '/api/comment' ? { thingId: form.thing_id ?? '', text: form.text ?? '', outcome: { fault: 'reset' } } : null;
      if (attempt) replyAttempts.push(attempt);

      const send = (answer: Answer, raw?: string) => {
        record.status = answer.status;
        res.statusCode = answer.status;
        res.setHeader('content-type', 'application/json; charset=UTF-8');
        res.end(raw ?? JSON.stringify(answer.body));
      };
      const sendHtml = (status: number) => {
        record.status = status;
        res.statusCode = status;
        res.setHeader('content-type', 'text/html');
        res.end(htmlErrorPage(status));
      };

      if (path === '/api/v1/access_token') {
        send(tokenGrant(req, form));
        return;
      }

      const proceed = (fault: FakeFault | null): void => {
        if (fault?.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === 'hang') {
          if (attempt) attempt.outcome = { fault: 'hang' };
          server.hold(req.socket);
          return;
        }

        const exhausted = rateHeaders(res, fault?.kind === 'rate-limited' ? { resetSeconds: resetSecondsOf(fault) } : null);
        if (exhausted) {
          if (attempt) attempt.outcome = { fault: 'rate-limited' };
          send({ status: 429, body: { message: 'Too Many Requests', error: 429 } });
          return;
        }
        const bearer = /^bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer || !tokens.has(bearer)) {
          if (attempt) attempt.outcome = { unauthorized: true };
          send({ status: 401, body: { message: 'Unauthorized', error: 401 } });
          return;
        }
        if (fault?.kind === 'status') {
          if (attempt) attempt.outcome = { fault: 'status' };
          send({ status: fault.status, body: fault.body ?? { message: http.STATUS_CODES[fault.status] ?? 'Error', error: fault.status } });
          return;
        }
        if (fault?.kind === 'html') return void sendHtml(fault.status ?? 502);
        if (fault?.kind === 'malformed-json') {
          if (attempt) attempt.outcome = { fault: 'malformed-json' };
          send({ status: 200, body: null }, '{"kind": "Listing", "data": {"children": [{"kind": "t3", "da');
          return;
        }
        if (fault?.kind === 'body') {
          if (attempt) attempt.outcome = { fault: 'body' };
          send({ status: fault.status ?? 200, body: fault.body });
          return;
        }
        const answer = route(method, path, query, form, attempt);
        if (fault?.kind === 'drop-response') {
          // The work is done (a reply exists) but the client never hears of it.
          if (fault.mode === 'hang') server.hold(req.socket);
          else req.socket.destroy();
          return;
        }
        send(answer);
      };
      const taken = takeFault(method, path);
      if (taken?.kind === 'slow') setTimeout(() => proceed(null), taken.delayMs);
      else proceed(taken);
    });
  });


  return {
    url: server.url,
    accessToken,
    username,
    addPost(post) {
      return create('t3', {
        subreddit: post.subreddit,
        author: post.author,
        title: post.title,
        selftext: post.selftext ?? '',
        createdUtc: Math.floor((post.createdAt ?? new Date()).getTime() / 1_000),
      });
    },
    addComment(comment) {
      const parent = must(comment.parent);
      return create('t1', {
        subreddit: parent.subreddit,
        author: comment.author,
        body: comment.body,
        parentId: parent.name,
        linkId: linkOf(parent).name,
        createdUtc: Math.floor((comment.createdAt ?? new Date()).getTime() / 1_000),
      });
    },
    thing: (fullname) => things.get(fullname),
    deleteThing: (fullname) => void (must(fullname).deleted = true),
    lockThing: (fullname) => void (must(fullname).locked = true),
    archiveThing: (fullname) => void (must(fullname).archived = true),
    inject: (fault, match = {}) => faults.push(fault, match),
    clearFaults: () => faults.clear(),
    setPageSize(size) {
      pageSize = size;
    },
    setRateLimit({ remaining, resetSeconds }) {
      window.start = Date.now() - (window.seconds - resetSeconds) * 1_000;
      window.used = window.perWindow - remaining;
    },
    replyAttempts,
    repliesBy: (parent) =>
      [...things.values()].filter((t) => t.kind === 't1' && t.author === username && (parent === undefined || t.parentId === parent)),
    requests,
    releaseHung: () => server.releaseHung(),
    close: () => server.close(),
  };
}
