import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { type FakeFault, type FaultCount, FaultQueue, htmlErrorPage, resetSecondsOf } from '../faults.ts';
import { listenOnLoopback } from '../loopback.ts';

/**
 * A small Bluesky PDS + AppView on loopback: the XRPC methods Earshot uses, under /xrpc/{nsid},
 * answering in the lexicon shapes (PostView, FeedViewPost, strong refs, session objects) and
 * XRPC's error shape `{error, message}`, with `ratelimit-limit/-remaining/-reset/-policy`
 * headers on every answer, so the real @atproto/api client can be pointed at it. Everything it
 * sends passes the client's own lexicon validation, with real CIDs, TID record keys and DIDs.
 *
 * Methods: com.atproto.server.createSession, refreshSession, getSession;
 * app.bsky.feed.searchPosts, getPosts, getAuthorFeed; com.atproto.repo.createRecord.
 */

export interface FakeBlueskyOptions {
  /** The brand account: its handle and the app password that signs it in. */
  handle?: string;
  appPassword?: string;
  /** Requests allowed per window (the PDS's global limit is 3,000 per 5 minutes). */
  rateLimit?: { perWindow: number; windowSeconds: number };
}

/** The faults the fake can inject (XRPC's error body for `status`). */
export type FakeBlueskyFault = FakeFault;

export interface FakeBlueskyFaultMatch extends FaultCount {
  /** The method's NSID, e.g. "app.bsky.feed.searchPosts". */
  nsid?: string;
  /** Only requests with this `q` parameter (one stream's searches). */
  q?: string;
}

export interface FakeAccount {
  did: string;
  handle: string;
  displayName?: string;
  verified: boolean;
}

export interface FakePost {
  uri: string;
  cid: string;
  rkey: string;
  author: FakeAccount;
  text: string;
  createdAt: string;
  indexedAt: string;
  langs?: string[];
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
  deleted: boolean;
  seq: number;
}

export interface CreateRecordAttempt {
  body: unknown;
  /** The answer's status; null when none was delivered (hang, reset, drop). */
  status: number | null;
  /** The post created, if one was. */
  created: string | null;
}

export interface FakeBlueskyRequest {
  method: string;
  nsid: string;
  query: Record<string, string | string[]>;
  status: number | null;
}

export interface FakeBlueskyServer {
  /** http://127.0.0.1:PORT — the `serviceUrl` to give the adapter. */
  url: string;
  brand: FakeAccount;
  appPassword: string;
  addUser(user: { handle: string; displayName?: string; verified?: boolean }): FakeAccount;
  /**
   * A post by `author` (a handle; created on first use). `replyTo` is the parent's at:// URI.
   * `createdAt` defaults to now, `indexedAt` to now: an older createdAt with a later
   * indexedAt is a post the search index shows late.
   */
  addPost(post: { author: string; text: string; replyTo?: string; createdAt?: Date; indexedAt?: Date; langs?: string[] }): FakePost;
  post(uri: string): FakePost | undefined;
  deletePost(uri: string): void;
  /** Caps every page at `size` posts whatever `limit` asks (null: no cap). */
  setPageSize(size: number | null): void;
  inject(fault: FakeBlueskyFault, match?: FakeBlueskyFaultMatch): void;
  clearFaults(): void;
  /** Every access token issued so far now answers 400 ExpiredToken (the client refreshes). */
  expireAccessTokens(): void;
  /** And every refresh token too (the client must sign in again). */
  expireRefreshTokens(): void;
  /** createSession calls that succeeded. */
  sessionsCreated: number;
  /** Every createRecord that reached the server, whatever became of it. */
  createRecordAttempts: CreateRecordAttempt[];
  /** The brand's posts that reply to `parentUri` (or all its replies). */
  repliesTo(parentUri?: string): FakePost[];
  requests: FakeBlueskyRequest[];
  releaseHung(): void;
  close(): Promise<void>;
}

const BASE32_SORT = '234567abcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A CIDv1 (dag-cbor, sha2-256) of `content`, as the PDS would name the record. */
function cidOf(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return `b${base32(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}

function didFor(handle: string): string {
  return `did:plc:${base32(createHash('sha256').update(handle).digest()).slice(0, 24)}`;
}

/** XRPC errors as the PDS words them. */
const xrpcError = (error: string, message: string) => ({ error, message });

function graphemes(text: string): number {
  let n = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) n++;
  return n;
}

/** Search terms as Bluesky reads them: "quoted phrases" and words, all of which must match. */
function searchTerms(q: string): string[] {
  return [...q.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).toLowerCase()).filter(Boolean);
}

function containsTerm(text: string, term: string): boolean {
  const escaped = term
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const start = /^[\p{L}\p{N}_]/u.test(term) ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = /[\p{L}\p{N}_]$/u.test(term) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${start}${escaped}${end}`, 'iu').test(text);
}

export async function startFakeBluesky(options: FakeBlueskyOptions = {}): Promise<FakeBlueskyServer> {
  const appPassword = options.appPassword ?? 'abcd-efgh-ijkl-mnop';
  const accounts = new Map<string, FakeAccount>();
  const posts = new Map<string, FakePost>();
  const accessTokens = new Map<string, { did: string; expired: boolean }>();
  const refreshTokens = new Map<string, { did: string; expired: boolean }>();
  const faults = new FaultQueue<FakeBlueskyFaultMatch>();
  const window = { perWindow: options.rateLimit?.perWindow ?? 3_000, seconds: options.rateLimit?.windowSeconds ?? 300, start: Date.now(), used: 0 };
  const createRecordAttempts: CreateRecordAttempt[] = [];
  const requests: FakeBlueskyRequest[] = [];
  let pageSize: number | null = null;
  let seq = 0;
  let lastTid = 0n;
  let sessionsCreated = 0;

  function addUser(user: { handle: string; displayName?: string; verified?: boolean }): FakeAccount {
    const handle = user.handle.toLowerCase();
    const existing = accounts.get(handle);
    if (existing) return existing;
    const account: FakeAccount = { did: didFor(handle), handle, verified: user.verified ?? false, ...(user.displayName ? { displayName: user.displayName } : {}) };
    accounts.set(handle, account);
    return account;
  }
  const accountByDid = (did: string) => [...accounts.values()].find((a) => a.did === did);
  const brand = addUser({ handle: options.handle ?? 'acmeair.bsky.social', displayName: 'Acme Air' });

  /** A TID record key: microseconds since the epoch and a clock id, base32-sortable, always increasing. */
  function nextTid(): string {
    let micros = BigInt(Date.now()) * 1000n;
    if (micros <= lastTid) micros = lastTid + 1n;
    lastTid = micros;
    let n = (micros << 10n) | 7n;
    let out = '';
    for (let i = 0; i < 13; i++) {
      out = BASE32_SORT[Number(n & 31n)] + out;
      n >>= 5n;
    }
    return out;
  }

  function create(author: FakeAccount, fields: { text: string; createdAt: string; indexedAt: string; langs?: string[]; reply?: FakePost['reply'] }): FakePost {
    const rkey = nextTid();
    const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;
    const post: FakePost = { uri, cid: cidOf(`${uri}\n${fields.text}\n${fields.createdAt}`), rkey, author, deleted: false, seq: seq++, ...fields };
    posts.set(uri, post);
    return post;
  }

  const sortAt = (p: FakePost) => Math.min(Date.parse(p.createdAt), Date.parse(p.indexedAt));
  const newestFirst = (a: FakePost, b: FakePost) => sortAt(b) - sortAt(a) || b.seq - a.seq;
  const visible = () => [...posts.values()].filter((p) => !p.deleted);

  function authorView(a: FakeAccount): Record<string, unknown> {
    return {
      did: a.did,
      handle: a.handle,
      ...(a.displayName ? { displayName: a.displayName } : {}),
      avatar: `https://cdn.bsky.app/img/avatar/plain/${a.did}/bafkreiavatar@jpeg`,
      labels: [],
      createdAt: '2023-04-01T10:00:00.000Z',
      ...(a.verified ? { verification: { verifications: [], verifiedStatus: 'valid', trustedVerifierStatus: 'none' } } : {}),
    };
  }

  function postView(p: FakePost): Record<string, unknown> {
    const replies = visible().filter((r) => r.reply?.parent.uri === p.uri).length;
    return {
      uri: p.uri,
      cid: p.cid,
      author: authorView(p.author),
      record: {
        $type: 'app.bsky.feed.post',
        text: p.text,
        createdAt: p.createdAt,
        ...(p.langs ? { langs: p.langs } : {}),
        ...(p.reply ? { reply: p.reply } : {}),
      },
      bookmarkCount: 0,
      replyCount: replies,
      repostCount: 0,
      likeCount: 0,
      quoteCount: 0,
      indexedAt: p.indexedAt,
      labels: [],
    };
  }

  /** A union member in a FeedViewPost's replyRef: the post, or notFoundPost when it is gone. */
  function refView(uri: string): Record<string, unknown> {
    const p = posts.get(uri);
    return p && !p.deleted
      ? { $type: 'app.bsky.feed.defs#postView', ...postView(p) }
      : { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true };
  }

  type Answer = { status: number; body: unknown };
  const invalid = (message: string): Answer => ({ status: 400, body: xrpcError('InvalidRequest', message) });

  function limitParam(query: Record<string, string | string[]>, fallback: number): number | Answer {
    const raw = query.limit;
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) return invalid('Error: Params limit must be an integer');
    if (n < 1) return invalid('Error: Params limit can not be less than 1');
    if (n > 100) return invalid('Error: Params limit can not be greater than 100');
    return n;
  }

  function paginate(list: FakePost[], query: Record<string, string | string[]>, limit: number): { page: FakePost[]; cursor?: string } {
    const size = pageSize === null ? limit : Math.min(limit, pageSize);
    const offset = typeof query.cursor === 'string' ? Number.parseInt(query.cursor, 10) || 0 : 0;
    const page = list.slice(offset, offset + size);
    return offset + size < list.length ? { page, cursor: String(offset + size) } : { page };
  }

  function searchPosts(query: Record<string, string | string[]>): Answer {
    const q = query.q;
    if (typeof q !== 'string') return invalid('Error: Params must have the property "q"');
    const limit = limitParam(query, 25);
    if (typeof limit !== 'number') return limit;
    const since = typeof query.since === 'string' ? Date.parse(query.since) : null;
    const until = typeof query.until === 'string' ? Date.parse(query.until) : null;
    if (Number.isNaN(since) || Number.isNaN(until)) return { status: 400, body: xrpcError('BadQueryString', 'since and until must be datetimes or dates') };
    const terms = searchTerms(q);
    if (terms.length === 0) return { status: 400, body: xrpcError('BadQueryString', 'empty query') };
    const lang = typeof query.lang === 'string' ? query.lang : null;
    const hits = visible()
      .filter((p) => terms.every((t) => containsTerm(p.text, t)))
      .filter((p) => (since === null || sortAt(p) >= since) && (until === null || sortAt(p) < until))
      .filter((p) => lang === null || (p.langs ?? []).includes(lang))
      .sort(newestFirst);
    const { page, cursor } = paginate(hits, query, limit);
    return { status: 200, body: { posts: page.map(postView), hitsTotal: hits.length, ...(cursor ? { cursor } : {}) } };
  }

  function getPosts(query: Record<string, string | string[]>): Answer {
    const uris = query.uris === undefined ? [] : ([] as string[]).concat(query.uris);
    if (uris.length === 0) return invalid('Error: Params must have the property "uris"');
    if (uris.length > 25) return invalid('Error: Params uris must not have more than 25 elements');
    const found = uris.map((u) => posts.get(u)).filter((p): p is FakePost => p !== undefined && !p.deleted);
    return { status: 200, body: { posts: found.map(postView) } };
  }

  function getAuthorFeed(query: Record<string, string | string[]>): Answer {
    const actor = typeof query.actor === 'string' ? query.actor : '';
    const account = actor.startsWith('did:') ? accountByDid(actor) : accounts.get(actor.toLowerCase());
    if (!account) return invalid('Profile not found');
    const limit = limitParam(query, 50);
    if (typeof limit !== 'number') return limit;
    const filter = typeof query.filter === 'string' ? query.filter : 'posts_with_replies';
    const own = visible()
      .filter((p) => p.author.did === account.did && (filter !== 'posts_no_replies' || !p.reply))
      .sort(newestFirst);
    const { page, cursor } = paginate(own, query, limit);
    const feed = page.map((p) => ({ post: postView(p), ...(p.reply ? { reply: { root: refView(p.reply.root.uri), parent: refView(p.reply.parent.uri) } } : {}) }));
    return { status: 200, body: { feed, ...(cursor ? { cursor } : {}) } };
  }

  function isStrongRef(v: unknown): v is { uri: string; cid: string } {
    const r = v as { uri?: unknown; cid?: unknown } | null;
    return typeof r?.uri === 'string' && r.uri.startsWith('at://') && typeof r.cid === 'string' && r.cid.length > 0;
  }

  function createRecord(did: string, body: unknown, attempt: CreateRecordAttempt): Answer {
    const input = body as { repo?: unknown; collection?: unknown; record?: unknown } | null;
    if (typeof input?.repo !== 'string' || typeof input.collection !== 'string' || typeof input.record !== 'object' || input.record === null) {
      return invalid('Input must have the properties "repo", "collection" and "record"');
    }
    const account = accountByDid(did)!;
    if (input.repo !== did && input.repo !== account.handle) return invalid('Invalid repo');
    if (input.collection !== 'app.bsky.feed.post') return invalid(`This fake only stores app.bsky.feed.post records, not ${input.collection}`);
    const record = input.record as { $type?: unknown; text?: unknown; createdAt?: unknown; reply?: { root?: unknown; parent?: unknown }; langs?: unknown };
    const bad = (why: string) => invalid(`Invalid app.bsky.feed.post record: ${why}`);
    if (record.$type !== 'app.bsky.feed.post') return bad('Record/$type must be app.bsky.feed.post');
    if (typeof record.text !== 'string') return bad('Record must have the property "text"');
    if (graphemes(record.text) > 300) return bad('Record/text must not be longer than 300 graphemes');
    if (Buffer.byteLength(record.text) > 3_000) return bad('Record/text must not be longer than 3000 characters');
    if (typeof record.createdAt !== 'string' || Number.isNaN(Date.parse(record.createdAt))) return bad('Record/createdAt must be an valid atproto datetime');
    if (record.reply !== undefined && (!isStrongRef(record.reply.root) || !isStrongRef(record.reply.parent))) {
      return bad('Record/reply/root and Record/reply/parent must be strong refs ({uri, cid})');
    }
    // Like a real PDS, the parent is not checked: a reply to a deleted post is stored all the same.
    const post = create(account, {
      text: record.text,
      createdAt: record.createdAt,
      indexedAt: new Date().toISOString(),
      ...(Array.isArray(record.langs) ? { langs: record.langs as string[] } : {}),
      ...(record.reply ? { reply: { root: record.reply.root as { uri: string; cid: string }, parent: record.reply.parent as { uri: string; cid: string } } } : {}),
    });
    attempt.created = post.uri;
    return { status: 200, body: { uri: post.uri, cid: post.cid, commit: { cid: cidOf(`commit ${post.uri}`), rev: post.rkey }, validationStatus: 'valid' } };
  }

  function session(account: FakeAccount): Record<string, unknown> {
    const accessJwt = `access-${randomUUID()}`;
    const refreshJwt = `refresh-${randomUUID()}`;
    accessTokens.set(accessJwt, { did: account.did, expired: false });
    refreshTokens.set(refreshJwt, { did: account.did, expired: false });
    return { accessJwt, refreshJwt, handle: account.handle, did: account.did, email: `${account.handle}@example.test`, emailConfirmed: true, emailAuthFactor: false, active: true };
  }

  function takeFault(nsid: string, q: unknown): FakeBlueskyFault | null {
    return faults.take((m) => (m.nsid === undefined || m.nsid === nsid) && (m.q === undefined || m.q === q));
  }

  function rateHeaders(res: http.ServerResponse, forced: { resetSeconds: number } | null): boolean {
    const now = Date.now();
    if (now >= window.start + window.seconds * 1_000) {
      window.start = now;
      window.used = 0;
    }
    let resetAt = Math.ceil((window.start + window.seconds * 1_000) / 1_000);
    let exhausted = window.used >= window.perWindow;
    if (forced) {
      exhausted = true;
      resetAt = Math.ceil(now / 1_000) + forced.resetSeconds;
    }
    if (!exhausted) window.used++;
    res.setHeader('ratelimit-limit', String(window.perWindow));
    res.setHeader('ratelimit-remaining', String(exhausted ? 0 : window.perWindow - window.used));
    res.setHeader('ratelimit-reset', String(resetAt));
    res.setHeader('ratelimit-policy', `${window.perWindow};w=${window.seconds}`);
    return exhausted;
  }

  function route(method: string, nsid: string, query: Record<string, string | string[]>, body: unknown, did: string, attempt: CreateRecordAttempt | null): Answer {
    if (method === 'GET' && nsid === 'app.bsky.feed.searchPosts') return searchPosts(query);
    if (method === 'GET' && nsid === 'app.bsky.feed.getPosts') return getPosts(query);
    if (method === 'GET' && nsid === 'app.bsky.feed.getAuthorFeed') return getAuthorFeed(query);
    if (method === 'GET' && nsid === 'com.atproto.server.getSession') {
      const a = accountByDid(did)!;
      return { status: 200, body: { handle: a.handle, did: a.did, email: `${a.handle}@example.test`, emailConfirmed: true, emailAuthFactor: false, active: true } };
    }
    if (method === 'POST' && nsid === 'com.atproto.repo.createRecord' && attempt) return createRecord(did, body, attempt);
    return { status: 501, body: xrpcError('MethodNotImplemented', 'Method Not Implemented') };
  }

  const server = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const nsid = url.pathname.startsWith('/xrpc/') ? url.pathname.slice('/xrpc/'.length) : '';
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const all = url.searchParams.getAll(key);
        query[key] = all.length > 1 ? all : all[0]!;
      }
      const text = Buffer.concat(chunks).toString();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const record: FakeBlueskyRequest = { method, nsid, query, status: null };
      requests.push(record);
      const attempt: CreateRecordAttempt | null = nsid === 'com.atproto.repo.createRecord' ? { body, status: null, created: null } : null;
      if (attempt) createRecordAttempts.push(attempt);

      const send = (answer: Answer, raw?: string) => {
        record.status = answer.status;
        if (attempt) attempt.status = answer.status;
        res.statusCode = answer.status;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(raw ?? JSON.stringify(answer.body));
      };
      const sendHtml = (status: number) => {
        record.status = status;
        res.statusCode = status;
        res.setHeader('content-type', 'text/html');
        res.end(htmlErrorPage(status));
      };

      const proceed = (fault: FakeFault | null): void => {
        if (fault?.kind === 'reset') return void req.socket.destroy();
        if (fault?.kind === 'hang') return void server.hold(req.socket);
        if (rateHeaders(res, fault?.kind === 'rate-limited' ? { resetSeconds: resetSecondsOf(fault) } : null)) return send({ status: 429, body: xrpcError('RateLimitExceeded', 'Rate Limit Exceeded') });

        const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        if (method === 'POST' && nsid === 'com.atproto.server.createSession') {
          const input = body as { identifier?: unknown; password?: unknown } | undefined;
          const id = typeof input?.identifier === 'string' ? input.identifier.toLowerCase() : '';
          const account = id.startsWith('did:') ? accountByDid(id) : accounts.get(id);
          if (account !== brand || input?.password !== appPassword) return send({ status: 401, body: xrpcError('AuthenticationRequired', 'Invalid identifier or password') });
          sessionsCreated++;
          return send({ status: 200, body: session(brand) });
        }
        if (method === 'POST' && nsid === 'com.atproto.server.refreshSession') {
          const token = bearer ? refreshTokens.get(bearer) : undefined;
          if (!token) return send({ status: 400, body: xrpcError('InvalidToken', 'Token could not be verified') });
          if (token.expired) return send({ status: 400, body: xrpcError('ExpiredToken', 'Token has expired') });
          refreshTokens.delete(bearer!);
          return send({ status: 200, body: session(accountByDid(token.did)!) });
        }
        const token = bearer ? accessTokens.get(bearer) : undefined;
        if (!bearer) return send({ status: 401, body: xrpcError('AuthenticationRequired', 'Authentication Required') });
        if (!token) return send({ status: 401, body: xrpcError('InvalidToken', 'Token could not be verified') });
        if (token.expired) return send({ status: 400, body: xrpcError('ExpiredToken', 'Token has expired') });

        if (fault?.kind === 'status') return send({ status: fault.status, body: fault.body ?? xrpcError(fault.status >= 500 ? 'InternalServerError' : 'InvalidRequest', http.STATUS_CODES[fault.status] ?? 'Error') });
        if (fault?.kind === 'html') return void sendHtml(fault.status ?? 502);
        if (fault?.kind === 'malformed-json') return send({ status: 200, body: null }, '{"posts": [{"uri": "at://did:plc:abc/app.bsky.feed.po');
        if (fault?.kind === 'body') return send({ status: fault.status ?? 200, body: fault.body });

        const answer = route(method, nsid, query, body, token.did, attempt);
        if (fault?.kind === 'drop-response') {
          // The work is done (a reply exists) but the client never hears of it.
          if (fault.mode === 'hang') server.hold(req.socket);
          else req.socket.destroy();
          return;
        }
        send(answer);
      };
      const taken = takeFault(nsid, query.q);
      if (taken?.kind === 'slow') setTimeout(() => proceed(null), taken.delayMs);
      else proceed(taken);
    });
  });


  return {
    url: server.url,
    brand,
    appPassword,
    addUser,
    addPost(post) {
      const author = addUser({ handle: post.author });
      const now = new Date();
      let reply: FakePost['reply'];
      if (post.replyTo) {
        const parent = posts.get(post.replyTo);
        if (!parent) throw new Error(`fake bluesky: no post ${post.replyTo}`);
        const parentRef = { uri: parent.uri, cid: parent.cid };
        reply = { root: parent.reply?.root ?? parentRef, parent: parentRef };
      }
      return create(author, {
        text: post.text,
        createdAt: (post.createdAt ?? now).toISOString(),
        indexedAt: (post.indexedAt ?? now).toISOString(),
        ...(post.langs ? { langs: post.langs } : {}),
        ...(reply ? { reply } : {}),
      });
    },
    post: (uri) => posts.get(uri),
    deletePost(uri) {
      const p = posts.get(uri);
      if (!p) throw new Error(`fake bluesky: no post ${uri}`);
      p.deleted = true;
    },
    setPageSize(size) {
      pageSize = size;
    },
    inject: (fault, match = {}) => faults.push(fault, match),
    clearFaults: () => faults.clear(),
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expired = true;
    },
    expireRefreshTokens() {
      for (const t of refreshTokens.values()) t.expired = true;
    },
    get sessionsCreated() {
      return sessionsCreated;
    },
    createRecordAttempts,
    repliesTo: (parentUri) => visible().filter((p) => p.author === brand && p.reply !== undefined && (parentUri === undefined || p.reply.parent.uri === parentUri)),
    requests,
    releaseHung: () => server.releaseHung(),
    close: () => server.close(),
  };
}
