import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAdapterRegistry,
  handlePollStream,
  handlePublishReply,
  type PlatformAdapter,
} from '@earshot/collectors';
import { ensureBrand, findReplyById, insertReply, insertStream, JobBus, silentLogger, type Runtime, type Stream } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { handleAnalyzeMentions } from '@earshot/worker';
// Until @earshot/collectors exports the Reddit adapter from its index.
import { createRedditAdapter, createSnoowrapClient, type RedditQuery } from '@earshot/collectors';
import { startFakeReddit, type FakeRedditServer } from '../fakes/reddit/fake-reddit-server.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { countingAdapter } from '../support/counting-adapter.ts';
import { waitForPolls, waitForQueueIdle } from '../support/settled.ts';

const USER_AGENT = 'test:earshot-tests:1.0 (by u/earshot_support)';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

function redditAdapter(fake: FakeRedditServer, requestTimeoutMs = 2_000): PlatformAdapter<RedditQuery> {
  const client = createSnoowrapClient({ accessToken: fake.accessToken, userAgent: USER_AGENT }, { baseUrl: fake.url, requestTimeoutMs });
  return createRedditAdapter({ client, username: fake.username });
}


describe('Reddit through the running app: poll → analyze → inbox', () => {
  let fake: FakeRedditServer;
  let app: TestApp;
  let stream: Stream;
  const yielded: string[] = [];

  const stored = async () => app.db.selectFrom('mentions').selectAll().where('platform', '=', 'reddit').execute();

  beforeAll(async () => {
    fake = await startFakeReddit();
    app = await startTestApp({ demo: 'off', adapters: () => [countingAdapter(redditAdapter(fake), yielded)] });
    const brand = await ensureBrand(app.db, 'Acme Air');
    stream = await insertStream(app.db, {
      brandId: brand.id,
      platform: 'reddit',
      name: 'acme on reddit',
      query: { keywords: ['acme', 'acme air'], subreddits: ['travel', 'flights'], watchComments: true },
      pollIntervalMs: 1_000,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('stores each post and comment once, with its author and context, across pages and polls', async () => {
    const thread = fake.addPost({ subreddit: 'travel', author: 'op', title: 'Acme Air lost my bag', selftext: 'Three days and counting.', createdAt: minutesAgo(30) });
    const other = fake.addPost({ subreddit: 'travel', author: 'op2', title: 'Lisbon tips?', createdAt: minutesAgo(29) });
    const comment = fake.addComment({ parent: other.name, author: 'helper', body: 'Fly acme, cheapest by far', createdAt: minutesAgo(28) });
    fake.addComment({ parent: other.name, author: 'chatter', body: 'Trams are great', createdAt: minutesAgo(27) });

    const first = await waitFor('the first mentions', async () => {
      const rows = await stored();
      return rows.length >= 2 ? rows : undefined;
    });
    expect(first.map((m) => m.external_id).sort()).toEqual([thread.name, comment.name].sort());
    const post = first.find((m) => m.external_id === thread.name)!;
    expect(post).toMatchObject({
      author_handle: 'u/op',
      text: 'Acme Air lost my bag\n\nThree days and counting.',
      url: `https://www.reddit.com/r/travel/comments/${thread.id}/acme_air_lost_my_bag/`,
      stream_id: stream.id,
    });
    expect(post.sla_due_at.getTime()).toBeGreaterThan(post.posted_at.getTime());
    const c = first.find((m) => m.external_id === comment.name)!;
    expect(c).toMatchObject({ author_handle: 'u/helper', context_external_id: other.name, context_author_handle: 'u/op2', context_text: 'Lisbon tips?' });

    // More arrive over time, served three to a page.
    fake.setPageSize(3);
    const later: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        later.push(fake.addPost({ subreddit: i % 2 ? 'flights' : 'travel', author: `u${round}${i}`, title: `acme delay ${round}.${i}` }).name);
      }
      later.push(fake.addComment({ parent: thread.name, author: `c${round}`, body: `same with acme, round ${round}` }).name);
      await waitForPolls(app.db, stream.id, 1); // the next round arrives after a whole poll
    }
    const all = [thread.name, comment.name, ...later];
    await waitFor('every mention stored', async () => ((await stored()).length === all.length ? true : undefined));
    // A few more polls find nothing new.
    await waitForPolls(app.db, stream.id, 2);
    const rows = await stored();
    expect(rows.map((m) => m.external_id).sort()).toEqual([...all].sort());
    // The adapter handed over each one exactly once: no re-reads reached the analyze stage.
    expect([...yielded].sort()).toEqual([...all].sort());
    const after = await app.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(after.last_error).toBeNull();
    expect(fake.requests.some((r) => r.query.after !== undefined)).toBe(true);
  });

  it('waits out a 429 storm, loses nothing, and catches up', async () => {
    const before = (await stored()).length;
    const requestsBefore = fake.requests.length;
    fake.setRateLimit({ remaining: 0, resetSeconds: 4 });
    const during = Array.from({ length: 5 }, (_, i) => fake.addPost({ subreddit: 'travel', author: `storm${i}`, title: `acme storm ${i}` }).name);

    const limited = await waitFor('the stream to be marked rate limited', async () => {
      const s = await app.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
      return s.rate_limited_until ? s : undefined;
    });
    expect(limited.last_error).toMatch(/Rate limited by reddit until/);
    expect(limited.rate_limited_until!.getTime()).toBeGreaterThan(Date.now());
    expect((await stored()).length).toBe(before);

    await waitFor('the stream to catch up after the reset', async () => ((await stored()).length === before + during.length ? true : undefined), 20_000);
    const ids = (await stored()).map((m) => m.external_id);
    for (const id of during) expect(ids.filter((x) => x === id)).toHaveLength(1);
    // It waited rather than hammering: one 429 told it everything.
    const storm = fake.requests.slice(requestsBefore).filter((r) => r.status === 429);
    expect(storm.length).toBeGreaterThanOrEqual(1);
    expect(storm.length).toBeLessThanOrEqual(2);
    const healed = await waitFor('the stream to be healthy again', async () => {
      const s = await app.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
      return s.last_error === null ? s : undefined;
    });
    expect(healed.rate_limited_until === null || healed.rate_limited_until.getTime() <= Date.now()).toBe(true);
  });

  it('posts a reply whose answer was lost exactly once: unknown, then found by the retry', async () => {
    const mention = (await stored()).find((m) => m.context_external_id === null)!;
    fake.inject({ kind: 'drop-response' }, { method: 'POST', path: '/api/comment' });
    const { reply } = await insertReply(app.db, {
      mentionId: mention.id,
      userId: null,
      text: 'Sorry about this! Please DM us your booking reference.',
      idempotencyKey: 'reddit-pipeline-lost-1',
    });
    await app.bus.enqueue('publishReply', { replyId: reply.id });
    await waitFor('the reply to be marked unknown', async () => (await findReplyById(app.db, reply.id))?.state === 'unknown');
    const sent = await waitFor(
      'the retry to find the posted reply',
      async () => {
        const r = await findReplyById(app.db, reply.id);
        return r?.state === 'sent' ? r : undefined;
      },
      30_000,
    );
    const posted = fake.repliesBy(mention.external_id);
    expect(posted).toHaveLength(1);
    expect(sent.external_id).toBe(posted[0]!.name);
    expect(fake.replyAttempts.filter((a) => a.thingId === mention.external_id)).toHaveLength(1);
    await waitForQueueIdle(app.bus, 'publishReply'); // no retry is waiting to post it again
    expect(fake.repliesBy(mention.external_id)).toHaveLength(1);
  });
});

describe('Reddit reply when the publisher dies after sending', () => {
  let t: TestDb;
  let runtime: Runtime;
  let fake: FakeRedditServer;
  const prefix = testPrefix();

  beforeEach(async () => {
    t = await createTestDb();
    runtime = { db: t.db, bus: new JobBus({ redisUrl: testRedisUrl, prefix }), logger: silentLogger };
    fake = await startFakeReddit();
  });
  afterEach(async () => {
    await fake.close();
    await runtime.bus.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('is checked on the next attempt, found, and never posted twice', async () => {
    const post = fake.addPost({ subreddit: 'travel', author: 'op', title: 'acme cancelled my flight', createdAt: minutesAgo(5) });
    const brand = await ensureBrand(t.db, 'Acme Air');
    const stream = await insertStream(t.db, { brandId: brand.id, platform: 'reddit', name: 's', query: { keywords: ['acme'] } });
    const live = { runtime, adapters: createAdapterRegistry([redditAdapter(fake)]) };
    expect(await handlePollStream(live, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 1 });
    const page = await t.db.selectFrom('collected_pages').select('id').executeTakeFirstOrThrow();
    await handleAnalyzeMentions(runtime, { pageId: page.id });
    const mention = await t.db.selectFrom('mentions').selectAll().executeTakeFirstOrThrow();
    expect(mention.external_id).toBe(post.name);

    const text = 'So sorry. Please DM us and we will rebook you.';
    const { reply } = await insertReply(t.db, { mentionId: mention.id, userId: null, text, idempotencyKey: 'reddit-dies-1' });

    // The publisher sends; Reddit creates the comment; the publisher never hears back and dies
    // (its promise is abandoned, as a killed process's would be).
    fake.inject({ kind: 'drop-response', mode: 'hang' }, { method: 'POST', path: '/api/comment' });
    const doomed = { runtime, adapters: createAdapterRegistry([redditAdapter(fake, 60_000)]) };
    const dead = handlePublishReply(doomed, { replyId: reply.id }).then(
      () => 'finished',
      () => 'failed',
    );
    await waitFor('the comment to exist on Reddit', async () => fake.repliesBy(post.name).length === 1);
    expect((await findReplyById(t.db, reply.id))?.state).toBe('sending');

    // The stalled job comes back to another publisher.
    const outcome = await handlePublishReply(live, { replyId: reply.id });
    expect(outcome).toBe('found-after-interruption');
    const done = await findReplyById(t.db, reply.id);
    const posted = fake.repliesBy(post.name);
    expect(posted).toHaveLength(1);
    expect(done).toMatchObject({ state: 'sent', external_id: posted[0]!.name, url: expect.stringContaining(`/comments/${post.id}/`) });
    expect(fake.replyAttempts).toHaveLength(1);
    const answered = await t.db.selectFrom('mentions').select('status').where('id', '=', mention.id).executeTakeFirstOrThrow();
    expect(answered.status).toBe('answered');

    // Running it yet again, and the dead publisher's connection finally dropping, change nothing.
    expect(await handlePublishReply(live, { replyId: reply.id })).toBe('already-done');
    fake.releaseHung();
    expect(await dead).toBe('failed');
    expect((await findReplyById(t.db, reply.id))?.state).toBe('sent');
    expect(fake.replyAttempts).toHaveLength(1);
    expect(fake.repliesBy()).toHaveLength(1);
  });
});
