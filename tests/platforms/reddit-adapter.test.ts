import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectedMention } from '@earshot/db';
import { MalformedPayloadError, PlatformError, RateLimitedError, type PlatformAdapter } from '@earshot/collectors';
// Until @earshot/collectors exports the Reddit adapter from its index.
import {
  createRedditAdapter,
  createSnoowrapClient,
  redditDefinition,
  type RedditAdapterOptions,
  type RedditQuery,
} from '@earshot/collectors';
import { startFakeReddit, type FakeRedditServer } from '../fakes/reddit/fake-reddit-server.ts';
import { drainPoll as drain, pollOk } from '../support/poll-adapter.ts';

const USER_AGENT = 'test:earshot-tests:1.0 (by u/earshot_support)';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let fake: FakeRedditServer;

beforeEach(async () => {
  fake = await startFakeReddit();
});
afterEach(async () => {
  await fake.close();
});

function adapterFor(options: Partial<RedditAdapterOptions> & { requestTimeoutMs?: number } = {}): PlatformAdapter<RedditQuery> {
  const { requestTimeoutMs, ...rest } = options;
  const client = createSnoowrapClient(
    { accessToken: fake.accessToken, userAgent: USER_AGENT },
    { baseUrl: fake.url, requestTimeoutMs: requestTimeoutMs ?? 2_000 },
  );
  return createRedditAdapter({ client, username: fake.username, ...rest });
}

function query(adapter: PlatformAdapter<RedditQuery>, input: unknown): RedditQuery {
  return adapter.querySchema.parse(input);
}

const ids = (ms: CollectedMention[]) => ms.map((m) => m.externalId);

describe('Reddit adapter through snoowrap, polling', () => {
  it('collects each matching post once across page boundaries and repeated polls', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme', 'acme air'], subreddits: ['travel', 'r/flights'] });
    const old = [
      fake.addPost({ subreddit: 'travel', author: 'early_bird', title: 'Acme lost my bag', selftext: 'Third time this year.', createdAt: minutesAgo(30) }),
      fake.addPost({ subreddit: 'flights', author: 'flyer', title: 'Is Acme Air any good?', createdAt: minutesAgo(29) }),
    ];
    fake.addPost({ subreddit: 'travel', author: 'x', title: 'Unrelated post about trains', createdAt: minutesAgo(28) });
    fake.addPost({ subreddit: 'cooking', author: 'y', title: 'acme brand pans', createdAt: minutesAgo(27) });

    const first = await pollOk(adapter, q, null);
    expect(ids(first.mentions).sort()).toEqual(old.map((p) => p.name).sort());
    const bag = first.mentions.find((m) => m.externalId === old[0]!.name)!;
    expect(bag).toEqual({
      externalId: old[0]!.name,
      url: `https://www.reddit.com/r/travel/comments/${old[0]!.id}/acme_lost_my_bag/`,
      text: 'Acme lost my bag\n\nThird time this year.',
      lang: null,
      postedAt: new Date(old[0]!.createdUtc * 1_000).toISOString(),
      author: { externalId: expect.stringMatching(/^t2_/), handle: 'u/early_bird', name: null, followers: null, verified: false },
      context: null,
    });
    const searches = fake.requests.filter((r) => r.path.endsWith('/search'));
    expect(searches[0]).toMatchObject({ method: 'GET', path: '/r/travel+flights/search' });
    expect(searches[0]!.query).toMatchObject({ q: '(acme OR "acme air")', sort: 'new', restrict_sr: 'on', type: 'link' });

    // 23 new matching posts arrive, served 4 to a page.
    fake.setPageSize(4);
    const fresh = Array.from({ length: 23 }, (_, i) =>
      fake.addPost({ subreddit: i % 2 ? 'travel' : 'flights', author: `user${i}`, title: `acme update ${i}`, createdAt: minutesAgo(20 - i / 2) }),
    );
    const requestsBefore = fake.requests.length;
    const second = await pollOk(adapter, q, first.cursor);
    expect(ids(second.mentions).sort()).toEqual(fresh.map((p) => p.name).sort());
    expect(new Set(ids(second.mentions)).size).toBe(23);
    // It walked with `after` and stopped once it reached what it had read: 7 pages of 4, not the whole listing.
    const walk = fake.requests.slice(requestsBefore);
    expect(walk.map((r) => r.query.after ?? null).filter(Boolean).length).toBe(walk.length - 1);
    expect(walk.length).toBe(7);

    const third = await pollOk(adapter, q, second.cursor);
    expect(third.mentions).toEqual([]);

    const late = fake.addPost({ subreddit: 'travel', author: 'z', title: 'acme again', createdAt: new Date() });
    const fourth = await pollOk(adapter, q, third.cursor);
    expect(ids(fourth.mentions)).toEqual([late.name]);
  });

  it('picks up a post the search index showed late, without repeating the ones around it', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'] });
    const a = fake.addPost({ subreddit: 'travel', author: 'a', title: 'acme one', createdAt: minutesAgo(3) });
    const first = await pollOk(adapter, q, null);
    expect(ids(first.mentions)).toEqual([a.name]);
    // Made two minutes ago, but only now visible in search (Reddit's index lags).
    const lagging = fake.addPost({ subreddit: 'travel', author: 'b', title: 'acme two', createdAt: minutesAgo(4) });
    const second = await pollOk(adapter, q, first.cursor);
    expect(ids(second.mentions)).toEqual([lagging.name]);
    // Site-wide search: no restrict_sr, plain /search.
    expect(fake.requests.at(-1)).toMatchObject({ path: '/search' });
    expect(fake.requests.at(-1)!.query.restrict_sr).toBeUndefined();
  });

  it('applies exclusions and never collects its own account', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'], exclude: ['acme corp', 'looney'] });
    const kept = fake.addPost({ subreddit: 'travel', author: 'a', title: 'acme delayed again', createdAt: minutesAgo(5) });
    fake.addPost({ subreddit: 'travel', author: 'b', title: 'acme corp anvils', createdAt: minutesAgo(4) });
    fake.addPost({ subreddit: 'travel', author: 'c', title: 'acme', selftext: 'Looney Tunes reference', createdAt: minutesAgo(4) });
    fake.addPost({ subreddit: 'travel', author: fake.username, title: 'acme support here', createdAt: minutesAgo(3) });
    const first = await pollOk(adapter, q, null);
    expect(ids(first.mentions)).toEqual([kept.name]);
    expect(fake.requests[0]!.query.q).toBe('acme NOT "acme corp" NOT looney');
  });

  it('watches new comments in the subreddits, matches them here, and carries their context', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'], subreddits: ['travel'], watchComments: true });
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'Which airline for Lisbon?', selftext: 'Flying in May.', createdAt: minutesAgo(60) });
    const earlier = fake.addComment({ parent: post.name, author: 'c0', body: 'Depends on the price.', createdAt: minutesAgo(50) });
    const first = await pollOk(adapter, q, null);
    expect(first.mentions).toEqual([]);

    const top = fake.addComment({ parent: post.name, author: 'c1', body: 'Avoid Acme, they cancelled on me.', createdAt: minutesAgo(5) });
    const chatter = fake.addComment({ parent: post.name, author: 'c2', body: 'TAP was fine for me.', createdAt: minutesAgo(4) });
    const inPage = fake.addComment({ parent: chatter.name, author: 'c3', body: 'Better than acme anyway', createdAt: minutesAgo(3) });
    const toOld = fake.addComment({ parent: earlier.name, author: 'c6', body: 'ACME is cheapest', createdAt: minutesAgo(3) });
    fake.addComment({ parent: post.name, author: fake.username, body: 'Acme here: sorry to hear that!', createdAt: minutesAgo(2) });
    fake.addComment({ parent: post.name, author: 'c4', body: 'pacme is not a word', createdAt: minutesAgo(2) });
    // In another subreddit: not watched.
    const elsewhere = fake.addPost({ subreddit: 'cooking', author: 'op2', title: 'pans', createdAt: minutesAgo(10) });
    fake.addComment({ parent: elsewhere.name, author: 'c5', body: 'acme pans rock', createdAt: minutesAgo(1) });

    fake.setPageSize(3);
    const second = await pollOk(adapter, q, first.cursor);
    const byId = new Map(second.mentions.map((m) => [m.externalId, m]));
    expect([...byId.keys()].sort()).toEqual([top.name, inPage.name, toOld.name].sort());
    expect(byId.get(top.name)).toMatchObject({
      text: 'Avoid Acme, they cancelled on me.',
      url: `https://www.reddit.com/r/travel/comments/${post.id}/which_airline_for_lisbon/${top.id}/`,
      author: { handle: 'u/c1' },
      context: { externalId: post.name, authorHandle: 'u/op', text: 'Which airline for Lisbon?' },
    });
    // A parent comment in the same page costs nothing; an older one is fetched, in one batch.
    expect(byId.get(inPage.name)!.context).toEqual({ externalId: chatter.name, authorHandle: 'u/c2', text: 'TAP was fine for me.' });
    expect(byId.get(toOld.name)!.context).toEqual({ externalId: earlier.name, authorHandle: 'u/c0', text: 'Depends on the price.' });
    const infos = fake.requests.filter((r) => r.path === '/api/info');
    expect(infos.map((r) => r.query.id)).toEqual([earlier.name]);
    expect(fake.requests.some((r) => r.path === '/r/travel/comments')).toBe(true);
    // Every new comment in the listing was read, matching or not.
    expect(second.reads).toBeGreaterThanOrEqual(6);

    const third = await pollOk(adapter, q, second.cursor);
    expect(third.mentions).toEqual([]);
  });

  it('stays within the read budget and collects the rest on the next poll, nothing twice', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'], subreddits: ['travel'] });
    fake.addPost({ subreddit: 'travel', author: 'seed', title: 'acme seed', createdAt: minutesAgo(60) });
    const first = await pollOk(adapter, q, null);
    fake.setPageSize(4);
    const posts = Array.from({ length: 25 }, (_, i) => fake.addPost({ subreddit: 'travel', author: `u${i}`, title: `acme ${i}`, createdAt: minutesAgo(50 - i) }));

    const limited = await pollOk(adapter, q, first.cursor, 10);
    expect(limited.reads).toBeLessThanOrEqual(10);
    expect(limited.mentions.length).toBe(10);
    const newer = fake.addPost({ subreddit: 'travel', author: 'late', title: 'acme late', createdAt: new Date() });

    const rest = await pollOk(adapter, q, limited.cursor);
    const all = [...ids(limited.mentions), ...ids(rest.mentions)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...posts.map((p) => p.name), newer.name].sort());
  });

  it('finishes a backlog bigger than a poll over several polls, newest first, while more keeps arriving', async () => {
    const adapter = adapterFor({ maxPagesPerPoll: 3 });
    const q = query(adapter, { keywords: ['acme'] });
    fake.addPost({ subreddit: 'travel', author: 'seed', title: 'acme seed', createdAt: minutesAgo(120) });
    let cursor = (await pollOk(adapter, q, null)).cursor;
    fake.setPageSize(3);
    const expected: string[] = [];
    const collected: string[] = [];
    let minute = 100;
    for (let round = 0; round < 8; round++) {
      // A burst bigger than three pages of three arrives before each of the first three polls.
      if (round < 3) for (let i = 0; i < 11; i++) expected.push(fake.addPost({ subreddit: 'travel', author: `r${round}`, title: `acme ${round}.${i}`, createdAt: minutesAgo(minute--) }).name);
      const polled = await pollOk(adapter, q, cursor);
      expect(polled.reads).toBeLessThanOrEqual(9);
      // The newest of each burst comes first.
      if (round < 3) expect(polled.mentions[0]!.externalId).toBe(expected.at(-1));
      collected.push(...ids(polled.mentions));
      cursor = polled.cursor;
    }
    expect(new Set(collected).size).toBe(collected.length);
    expect(collected.sort()).toEqual(expected.sort());
    expect(JSON.parse(cursor!).sources.search.gaps).toEqual([]);
  });

  it('throws RateLimitedError with the reset Reddit gave when it answers 429', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'] });
    fake.inject({ kind: 'rate-limited', resetSeconds: 42 });
    const before = Date.now();
    const d = await drain(adapter, q, null);
    expect(d.error).toBeInstanceOf(RateLimitedError);
    const resetAt = (d.error as RateLimitedError).resetAt.getTime();
    expect(resetAt).toBeGreaterThanOrEqual(before + 41_000);
    expect(resetAt).toBeLessThanOrEqual(Date.now() + 43_000);
  });

  it('stops before the next request once x-ratelimit-remaining reaches 0, keeping the page it got', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'] });
    fake.addPost({ subreddit: 'travel', author: 'a', title: 'acme a', createdAt: minutesAgo(10) });
    const first = await pollOk(adapter, q, null);
    fake.setPageSize(2);
    const posts = Array.from({ length: 5 }, (_, i) => fake.addPost({ subreddit: 'travel', author: `u${i}`, title: `acme ${i}`, createdAt: minutesAgo(5 - i / 2) }));
    fake.setRateLimit({ remaining: 1, resetSeconds: 30 });
    const requests = fake.requests.length;
    const d = await drain(adapter, q, first.cursor);
    expect(d.error).toBeInstanceOf(RateLimitedError);
    const resetAt = (d.error as RateLimitedError).resetAt.getTime();
    expect(Math.abs(resetAt - (Date.now() + 30_000))).toBeLessThan(2_000);
    // One request was allowed and made; the adapter did not spend a 429 to learn the rest.
    expect(fake.requests.length - requests).toBe(1);
    expect(ids(d.pages.flat())).toEqual([posts[4]!.name, posts[3]!.name]);
  });

  it('reports 5xx and timeouts as retryable, 401 and 403 as a credentials problem', async () => {
    const adapter = adapterFor({ requestTimeoutMs: 300 });
    const q = query(adapter, { keywords: ['acme'] });

    fake.inject({ kind: 'status', status: 503 });
    const before = fake.requests.length;
    let d = await drain(adapter, q, null);
    expect(d.error).toBeInstanceOf(PlatformError);
    expect(d.error).toMatchObject({ retryable: true, status: 503 });
    // snoowrap's own retry is off: the runners decide when to try again.
    expect(fake.requests.length - before).toBe(1);

    fake.inject({ kind: 'hang' });
    const started = Date.now();
    d = await drain(adapter, q, null);
    expect(d.error).toMatchObject({ name: 'PlatformError', retryable: true });
    expect((d.error as Error).message).toMatch(/No answer from Reddit.*SOCKETTIMEDOUT|No answer from Reddit.*TIMEDOUT/);
    expect(Date.now() - started).toBeLessThan(5_000);

    fake.inject({ kind: 'status', status: 403 });
    d = await drain(adapter, q, null);
    expect(d.error).toMatchObject({ name: 'PlatformError', retryable: false, status: 403 });
    expect((d.error as Error).message).toMatch(/Check the Reddit account and connection/);

    const wrongToken = createRedditAdapter({
      client: createSnoowrapClient({ accessToken: 'not-the-token', userAgent: USER_AGENT }, { baseUrl: fake.url }),
      username: fake.username,
    });
    d = await drain(wrongToken, q, null);
    expect(d.error).toMatchObject({ name: 'PlatformError', retryable: false, status: 401 });
    expect((d.error as Error).message).toMatch(/refused the credentials/);
  });

  it('refuses malformed and wrong-shaped pages, yielding nothing from them', async () => {
    const adapter = adapterFor();
    const q = query(adapter, { keywords: ['acme'] });
    fake.addPost({ subreddit: 'travel', author: 'a', title: 'acme seed', createdAt: minutesAgo(60) });
    const first = await pollOk(adapter, q, null);
    fake.setPageSize(2);
    const posts = Array.from({ length: 4 }, (_, i) => fake.addPost({ subreddit: 'travel', author: `u${i}`, title: `acme ${i}`, createdAt: minutesAgo(10 - i) }));

    // Page 1 is fine, page 2 is cut off mid-JSON.
    fake.inject({ kind: 'malformed-json' }, { path: '/search', skip: 1 });
    let d = await drain(adapter, q, first.cursor);
    expect(d.error).toBeInstanceOf(MalformedPayloadError);
    expect((d.error as Error).message).toMatch(/Reddit sent a malformed search page from \/search: expected a Listing, got text/);
    expect(ids(d.pages.flat())).toEqual([posts[3]!.name, posts[2]!.name]);

    fake.inject({ kind: 'body', body: { kind: 'Listing', data: { after: null, children: [{ kind: 't3', data: { name: 't3_zz', created_utc: 1 } }] } } });
    d = await drain(adapter, q, first.cursor);
    expect(d.error).toBeInstanceOf(MalformedPayloadError);
    expect((d.error as Error).message).toMatch(/title/);

    fake.inject({ kind: 'body', body: { error: 'something else entirely' } });
    d = await drain(adapter, q, first.cursor);
    expect(d.error).toBeInstanceOf(MalformedPayloadError);

    // The cursor never moved, so a clean poll still collects all four.
    const clean = await pollOk(adapter, q, first.cursor);
    expect(ids(clean.mentions).sort()).toEqual(posts.map((p) => p.name).sort());
  });

  it('starts afresh when the query changes or the cursor is unreadable', async () => {
    const adapter = adapterFor();
    fake.addPost({ subreddit: 'travel', author: 'a', title: 'acme and globex', createdAt: minutesAgo(10) });
    const acme = await pollOk(adapter, query(adapter, { keywords: ['acme'] }), null);
    expect(acme.mentions).toHaveLength(1);
    const globex = await pollOk(adapter, query(adapter, { keywords: ['globex'] }), acme.cursor);
    expect(globex.mentions).toHaveLength(1);
    const garbage = await pollOk(adapter, query(adapter, { keywords: ['acme'] }), 'not json');
    expect(garbage.mentions).toHaveLength(1);
  });
});

describe('Reddit adapter through snoowrap, replying', () => {
  it('posts a reply that reaches Reddit exactly once', async () => {
    const adapter = adapterFor();
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme lost my bag' });
    const published = await adapter.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'Sorry! Please DM us your file reference.');
    const created = fake.repliesBy(post.name);
    expect(created).toHaveLength(1);
    expect(fake.replyAttempts).toHaveLength(1);
    expect(published).toEqual({
      externalId: created[0]!.name,
      url: `https://www.reddit.com/r/travel/comments/${post.id}/acme_lost_my_bag/${created[0]!.id}/`,
    });
    expect(created[0]!.body).toBe('Sorry! Please DM us your file reference.');

    const comment = fake.addComment({ parent: post.name, author: 'c', body: 'same here' });
    const second = await adapter.publishReply({ externalId: comment.name, authorHandle: 'u/c', url: null }, 'We are on it.');
    expect(fake.repliesBy(comment.name).map((c) => c.name)).toEqual([second.externalId]);
  });

  it('refuses, without retry, replies to deleted, locked and archived threads', async () => {
    const adapter = adapterFor();
    const cases: [string, (name: string) => void, RegExp][] = [
      ['deleted post', (n) => fake.deleteThing(n), /deleted/],
      ['locked thread', (n) => fake.lockThing(n), /locked/],
      ['archived thread', (n) => fake.archiveThing(n), /archived/],
    ];
    for (const [, spoil, message] of cases) {
      const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
      spoil(post.name);
      const error = await adapter.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'Hello').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ sent: 'no', retryable: false });
      expect((error as Error).message).toMatch(message);
    }
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    const comment = fake.addComment({ parent: post.name, author: 'c', body: 'acme' });
    fake.deleteThing(comment.name);
    const error = await adapter.publishReply({ externalId: comment.name, authorHandle: 'u/c', url: null }, 'Hello').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PlatformError', sent: 'no', retryable: false, message: expect.stringMatching(/comment was deleted/) });
    expect(fake.repliesBy()).toEqual([]);
  });

  it('marks a reply whose answer was lost as sent: unknown, and findReply finds it', async () => {
    const adapter = adapterFor({ requestTimeoutMs: 500 });
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme lost my bag' });
    const target = { externalId: post.name, authorHandle: 'u/op', url: null };
    const text = 'So sorry. DM us your booking code.';

    fake.inject({ kind: 'drop-response' }, { method: 'POST', path: '/api/comment' });
    const error = await adapter.publishReply(target, text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ sent: 'unknown', retryable: true });
    expect(fake.replyAttempts).toHaveLength(1);
    const created = fake.repliesBy(post.name);
    expect(created).toHaveLength(1);

    await expect(adapter.findReply(target, text)).resolves.toEqual({
      externalId: created[0]!.name,
      url: `https://www.reddit.com/r/travel/comments/${post.id}/acme_lost_my_bag/${created[0]!.id}/`,
    });
    await expect(adapter.findReply(target, 'some other text')).resolves.toBeNull();
    const other = fake.addPost({ subreddit: 'travel', author: 'op', title: 'another' });
    await expect(adapter.findReply({ ...target, externalId: other.name }, text)).resolves.toBeNull();

    // A silent server (answer never comes) is the same: unknown.
    fake.inject({ kind: 'drop-response', mode: 'hang' }, { method: 'POST', path: '/api/comment' });
    const silent = await adapter.publishReply({ externalId: other.name, authorHandle: 'u/op', url: null }, text).catch((e: unknown) => e);
    expect(silent).toMatchObject({ name: 'PlatformError', sent: 'unknown', retryable: true });
    expect((await adapter.findReply({ ...target, externalId: other.name }, text))?.externalId).toBe(fake.repliesBy(other.name)[0]!.name);
    expect(fake.replyAttempts).toHaveLength(2);
  });

  it('findReply pages back through the account history', async () => {
    const adapter = adapterFor();
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    const target = { externalId: post.name, authorHandle: 'u/op', url: null };
    await adapter.publishReply(target, 'the one');
    const filler = fake.addPost({ subreddit: 'travel', author: 'op', title: 'other' });
    for (let i = 0; i < 5; i++) fake.addComment({ parent: filler.name, author: fake.username, body: `reply ${i}` });
    fake.setPageSize(2);
    const found = await adapter.findReply(target, '  the one\n');
    expect(found?.externalId).toBe(fake.repliesBy(post.name)[0]!.name);
    expect(fake.requests.filter((r) => r.path === `/user/${fake.username}/comments`)).toHaveLength(3);
  });

  it('keeps 5xx and connection failures apart: unknown after sending, no when never connected', async () => {
    const adapter = adapterFor();
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    const target = { externalId: post.name, authorHandle: 'u/op', url: null };
    fake.inject({ kind: 'status', status: 502 }, { method: 'POST' });
    await expect(adapter.publishReply(target, 'hi')).rejects.toMatchObject({ sent: 'unknown', retryable: true, status: 502 });
    fake.inject({ kind: 'rate-limited', resetSeconds: 20 }, { method: 'POST' });
    await expect(adapter.publishReply(target, 'hi')).rejects.toBeInstanceOf(RateLimitedError);

    const unreachable = createRedditAdapter({
      client: createSnoowrapClient({ accessToken: 'x', userAgent: USER_AGENT }, { baseUrl: 'http://127.0.0.1:1' }),
      username: 'earshot_support',
    });
    await expect(unreachable.publishReply(target, 'hi')).rejects.toMatchObject({ sent: 'no', retryable: true });
    expect(fake.repliesBy()).toEqual([]);
  });

  it('checks the 10,000-character limit before sending', async () => {
    const adapter = adapterFor();
    expect(adapter.checkReply('a'.repeat(10_000))).toEqual({ ok: true });
    expect(adapter.checkReply('😀'.repeat(10_000))).toEqual({ ok: true });
    expect(adapter.checkReply('a'.repeat(10_001))).toEqual({ ok: false, message: expect.stringMatching(/10000 characters; this one counts 10001/) });
    expect(adapter.checkReply('  ')).toMatchObject({ ok: false });
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    await expect(adapter.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'a'.repeat(10_001))).rejects.toMatchObject({
      sent: 'no',
      retryable: false,
    });
    expect(fake.replyAttempts).toHaveLength(0);
  });
});

describe('snoowrap client from script-app credentials', () => {
  it('fetches a token with the password grant and uses it', async () => {
    await fake.close();
    fake = await startFakeReddit({ clientId: 'cid', clientSecret: 'csecret', password: 'pw' });
    const client = createSnoowrapClient(
      { clientId: 'cid', clientSecret: 'csecret', username: fake.username, password: 'pw', userAgent: USER_AGENT },
      { baseUrl: fake.url },
    );
    const adapter = createRedditAdapter({ client, username: fake.username });
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    const published = await adapter.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'hello');
    expect(fake.repliesBy(post.name).map((c) => c.name)).toEqual([published.externalId]);
    expect(fake.requests.filter((r) => r.path === '/api/v1/access_token')).toHaveLength(1);

    const wrong = createSnoowrapClient(
      { clientId: 'cid', clientSecret: 'csecret', username: fake.username, password: 'nope', userAgent: USER_AGENT },
      { baseUrl: fake.url },
    );
    const failing = createRedditAdapter({ client: wrong, username: fake.username });
    await expect(failing.findReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'hello')).rejects.toMatchObject({
      name: 'PlatformError',
      retryable: false,
      message: expect.stringMatching(/username or password/),
    });
    await expect(failing.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'hello')).rejects.toMatchObject({
      sent: 'no',
      retryable: false,
    });
    expect(fake.replyAttempts).toHaveLength(1);
  });

  it('builds a working adapter from stored credentials through the platform definition', async () => {
    await fake.close();
    fake = await startFakeReddit({ clientId: 'cid', clientSecret: 'csecret', password: 'pw' });
    const definition = redditDefinition({ baseUrl: fake.url });
    const schema = definition.credentials!.schema;
    expect(definition.credentials!.fields.map((f) => f.name)).toEqual(['clientId', 'clientSecret', 'username', 'password', 'userAgent']);
    const missing = schema.safeParse({ clientId: 'cid', username: 'u/x', password: 'pw' });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['clientSecret']);
    const credentials = schema.parse({ clientId: 'cid', clientSecret: 'csecret', username: `u/${fake.username}`, password: 'pw' });
    const adapter = definition.createAdapter({ db: undefined as never, credentials });
    expect(definition.querySchema.safeParse(definition.queryExample).success).toBe(true);
    expect(definition.checkReply('x'.repeat(definition.replyLimit + 1)).ok).toBe(false);

    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme' });
    const polled = await pollOk(adapter, query(adapter, { keywords: ['acme'] }), null);
    expect(ids(polled.mentions)).toEqual([post.name]);
    const reply = await adapter.publishReply({ externalId: post.name, authorHandle: 'u/op', url: null }, 'hi');
    expect(fake.repliesBy(post.name).map((c) => c.name)).toEqual([reply.externalId]);
  });

  it('explains missing credentials', () => {
    expect(() => createSnoowrapClient({ accessToken: '', userAgent: USER_AGENT })).toThrow(/access token is empty/);
    expect(() => createSnoowrapClient({ accessToken: 't', userAgent: 'x' })).toThrow(/descriptive user agent/);
    expect(() =>
      createSnoowrapClient({ clientId: 'a', clientSecret: '', username: 'u', password: 'p', userAgent: USER_AGENT }),
    ).toThrow(/client secret is missing/);
  });
});
