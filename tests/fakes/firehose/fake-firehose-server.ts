import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

/**
 * A platform with an endless, steady stream of posts per stream key, for the ingest and
 * freshness benchmarks: `perSecond` new posts appear every second on every stream. Post `n`
 * of a stream appears at `startedAt + n / perSecond`, so a benchmark knows when each post
 * appeared without asking. `pause()` stops new posts appearing (a closed-loop load
 * generator keeps the backlog bounded with it); the timeline then shifts, so `appearedAt`
 * is exact only for runs that never pause.
 *
 *   GET /streams/{key}/posts?after={n}&limit={1..100}  → { posts: [...], newest: n | null }
 *
 * Posts after `after` (exclusive; -1 for the first), oldest first. Anything else is 404.
 */
export interface FakeFirehose {
  url: string;
  startedAt: number;
  perSecond: number;
  /** Epoch ms at which post `seq` of any stream appeared (exact for posts since the last resume). */
  appearedAt(seq: number): number;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Posts served, all streams. */
  served: number;
  /**
   * Posts served again after a poll of the same stream already served them (a poll starting
   * from an older cursor than one already read): two processes polling one stream at once, or
   * a cursor lost. Each stream polled by one process at a time keeps it at 0.
   */
  readonly reserved: number;
  stop(): Promise<void>;
}

export interface FirehosePost {
  id: string;
  text: string;
  created_at: string;
  lang: string;
  author: { id: string; handle: string; name: string; followers: number; verified: boolean };
}

const SAMPLE_URL = new URL('../../../collectors/src/platforms/demo/airline-tweets-sample.json', import.meta.url);
/** Distinct authors: enough that most pages repeat a few, as a busy brand's mentions do. */
const AUTHORS = 5_000;

export async function startFakeFirehose(options: { perSecond: number }): Promise<FakeFirehose> {
  const sample = (JSON.parse(readFileSync(SAMPLE_URL, 'utf8')) as { text: string }[]).map((s) => s.text);
  let released = 0;
  let lastTick = Date.now();
  let paused = false;
  const startedAt = lastTick;
  // When post 0 appeared, as if the stream had never paused: a pause shifts the timeline.
  let originAt = startedAt;
  const tick = () => {
    const now = Date.now();
    if (!paused) released += ((now - lastTick) / 1000) * options.perSecond;
    lastTick = now;
    return Math.floor(released);
  };
  const postOf = (key: string, seq: number, keyHash: number): FirehosePost => {
    const a = (seq * 7919 + keyHash) % AUTHORS;
    return {
      id: `${key}-${seq}`,
      text: sample[(seq * 31 + keyHash) % sample.length]!,
      created_at: new Date(originAt + (seq / options.perSecond) * 1000).toISOString(),
      lang: 'en',
      author: { id: String(100_000 + a), handle: `fan_${a}`, name: `Fan ${a}`, followers: (a * 37) % 20_000, verified: a % 97 === 0 },
    };
  };
  const state = {
    served: 0,
    reserved: 0,
  };
  // Per stream key, the highest post served so far.
  const highest = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/streams\/([A-Za-z0-9_-]{1,64})\/posts$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const key = match[1]!;
    const after = Number(url.searchParams.get('after') ?? -1);
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 100)));
    if (!Number.isInteger(after) || after < -1) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"after must be an integer ≥ -1"}');
      return;
    }
    // Paused, it serves nothing new: the posts released but not yet read wait too.
    const available = paused ? Math.min(tick(), after + 1) : tick();
    let keyHash = 0;
    for (const c of key) keyHash = (keyHash * 31 + c.charCodeAt(0)) % 100_003;
    const posts: FirehosePost[] = [];
    for (let seq = after + 1; seq < available && posts.length < limit; seq++) posts.push(postOf(key, seq, keyHash));
    state.served += posts.length;
    const seen = highest.get(key) ?? -1;
    if (posts.length > 0) {
      state.reserved += Math.max(0, Math.min(seen, after + posts.length) - after);
      highest.set(key, Math.max(seen, after + posts.length));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts, newest: available > 0 ? available - 1 : null }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    startedAt,
    perSecond: options.perSecond,
    appearedAt: (seq) => originAt + (seq / options.perSecond) * 1000,
    pause() {
      tick();
      paused = true;
    },
    resume() {
      tick();
      paused = false;
      originAt = lastTick - (released / options.perSecond) * 1000;
    },
    get paused() {
      return paused;
    },
    get served() {
      return state.served;
    },
    set served(v: number) {
      state.served = v;
    },
    get reserved() {
      return state.reserved;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
