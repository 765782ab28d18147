import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueskyAdapter, createRedditAdapter, createSnoowrapClient } from '@earshot/collectors';
import { ensureBrand, insertStream, type Stream } from '@earshot/db';
import { startFakeBluesky, type FakeBlueskyServer } from '../fakes/bluesky/fake-bluesky-server.ts';
import { startFakeReddit, type FakeRedditServer } from '../fakes/reddit/fake-reddit-server.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

/**
 * Issue #12: one platform stream answering slowly (10 s a request) or with garbage (cut-off
 * JSON, wrong shapes, an HTML error page) must not hold up the others. Measures how fresh the
 * healthy streams stay meanwhile: how long a new post takes to be stored as a mention.
 */
const SLOW_MS = 10_000;
/** More slow streams than a handful of poll slots, as when one platform slows down for a whole customer. */
const SLOW_STREAMS = 6;
const WINDOW_MS = 24_000;
/** A healthy stream polls every second; a mention should be stored within a few polls. */
const FRESH_MS = 6_000;

describe('a slow or garbled platform stream leaves the other streams fresh', () => {
  let reddit: FakeRedditServer;
  let bluesky: FakeBlueskyServer;
  let app: TestApp;
  const streams: Record<string, Stream> = {};

  const storedIds = async (streamId: string) =>
    new Set((await app.db.selectFrom('mentions').select('external_id').where('stream_id', '=', streamId).execute()).map((m) => m.external_id));

  beforeAll(async () => {
    reddit = await startFakeReddit();
    bluesky = await startFakeBluesky();
    // Default request timeouts (30 s): a 10 s answer is slow, not lost.
    const client = createSnoowrapClient({ accessToken: reddit.accessToken, userAgent: 'test:earshot-tests:1.0 (by u/earshot_support)' }, { baseUrl: reddit.url });
    app = await startTestApp({
      demo: 'off',
      adapters: () => [
        createRedditAdapter({ client, username: reddit.username }),
        createBlueskyAdapter({ identifier: bluesky.brand.handle, appPassword: bluesky.appPassword, serviceUrl: bluesky.url }),
      ],
    });
    const brand = await ensureBrand(app.db, 'Acme Air');
    const add = async (name: string, platform: string, query: object) => {
      streams[name] = await insertStream(app.db, { brandId: brand.id, platform, name, query, pollIntervalMs: 1_000 });
    };
    // Faults first, so no stream ever sees its platform healthy.
    for (let i = 0; i < SLOW_STREAMS; i++) reddit.inject({ kind: 'slow', delayMs: SLOW_MS }, { path: `/r/slow${i}/search`, times: Infinity });
    reddit.inject({ kind: 'html', status: 502 }, { path: '/r/junk/search', times: Infinity });
    bluesky.inject({ kind: 'malformed-json' }, { nsid: 'app.bsky.feed.searchPosts', q: 'garbled', times: Infinity });
    bluesky.inject({ kind: 'body', body: { posts: [{ uri: 42, text: 'not a post' }] } }, { nsid: 'app.bsky.feed.searchPosts', q: 'misshapen', times: Infinity });

    for (let i = 0; i < SLOW_STREAMS; i++) await add(`slow${i}`, 'reddit', { keywords: ['acme'], subreddits: [`slow${i}`] });
    await add('junk', 'reddit', { keywords: ['acme'], subreddits: ['junk'] });
    await add('garbled', 'bluesky', { keywords: ['garbled'] });
    await add('misshapen', 'bluesky', { keywords: ['misshapen'] });
    await add('healthy-reddit', 'reddit', { keywords: ['acme'], subreddits: ['travel'] });
    await add('healthy-bluesky', 'bluesky', { keywords: ['acmeair'] });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    reddit?.clearFaults();
    reddit?.releaseHung();
    await reddit?.close();
    bluesky?.clearFaults();
    await bluesky?.close();
  });

  it('keeps polling the healthy streams of both platforms, and says in the others’ health what is wrong', async () => {
    // Both healthy streams have made their first poll (a new stream takes only the newest posts).
    await waitFor('first polls of the healthy streams', async () => {
      const rows = await app.db.selectFrom('streams').select(['name', 'last_success_at']).where('name', 'like', 'healthy-%').execute();
      return rows.length === 2 && rows.every((r) => r.last_success_at !== null);
    });

    const lags: { stream: string; ms: number }[] = [];
    const started = Date.now();
    let n = 0;
    while (Date.now() - started < WINDOW_MS) {
      n++;
      const post = reddit.addPost({ subreddit: 'travel', author: `flyer${n}`, title: `acme lost my bag, day ${n}` });
      const skeet = bluesky.addPost({ author: `skeeter${n}.bsky.social`, text: `acmeair delayed again (${n})` });
      const at = Date.now();
      await Promise.all(
        [
          ['healthy-reddit', post.name],
          ['healthy-bluesky', skeet.uri],
        ].map(async ([name, id]) => {
          await waitFor(`${name} to store ${id}`, async () => (await storedIds(streams[name!]!.id)).has(id!), FRESH_MS * 3);
          lags.push({ stream: name!, ms: Date.now() - at });
        }),
      );
    }
    const worst = Math.max(...lags.map((l) => l.ms));
    console.log(`slow-platform: ${lags.length} mentions over ${WINDOW_MS / 1000} s with ${SLOW_STREAMS} streams at ${SLOW_MS / 1000} s a request; worst freshness ${worst} ms`);
    expect(n).toBeGreaterThanOrEqual(4);
    expect(worst).toBeLessThan(FRESH_MS);

    // The slow streams were read too, slowly: a slow answer is not a failure.
    const slow = await app.db.selectFrom('streams').select(['name', 'last_success_at', 'last_error']).where('name', 'like', 'slow%').execute();
    expect(slow.filter((s) => s.last_success_at !== null).length).toBeGreaterThan(0);

    const health = async (name: string) => (await app.db.selectFrom('streams').select('last_error').where('id', '=', streams[name]!.id).executeTakeFirstOrThrow()).last_error;
    expect(await health('junk')).toMatch(/^Reddit failed while answering for the search page from \/r\/junk\/search \(HTTP 502\); the next poll tries again\.$/);
    expect(await health('garbled')).toMatch(/^Bluesky sent a malformed page of search results for "garbled": the answer is not valid JSON \(cut off, or an error page instead of data\)\. Nothing from that page was stored/);
    expect(await health('misshapen')).toMatch(/^Bluesky sent a malformed page of search results for "misshapen": it does not match the lexicon \(Output\/posts\/0\/uri must be a string\)/);
    expect(await health('healthy-reddit')).toBeNull();
    expect(await health('healthy-bluesky')).toBeNull();
  }, 90_000);
});
