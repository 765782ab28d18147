import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAdapterRegistry,
  createXAdapter,
  handlePollStream,
  handlePublishReply,
  RateLimitedError,
  xWeightedLength,
  type ReplyTarget,
  type XAdapterOptions,
} from '@earshot/collectors';
import { ensureBrand, findReplyById, insertReply, insertStream, JobBus, RetryAtError, silentLogger, type Runtime } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { handleAnalyzeMentions } from '@earshot/worker';
import { postWeight, startFakeX, type FakeXPost, type FakeXServer } from '../fakes/x/fake-x-server.ts';
import { createFakeXClient } from '../fakes/x/fake-x-client.ts';
import { contractViolations } from '../contracts/x/check-exchanges.ts';
import { waitFor } from '../support/start-test-app.ts';

/**
 * Posting on X has two limits: the 15-minute window (a 429 with `x-rate-limit-reset`) and the
 * account's 24-hour posting cap (`x-user-limit-24hour-*`). A reply refused by either waits
 * until the reset X named, is never posted twice, and says why it waits.
 */

const target = (post: FakeXPost): ReplyTarget => ({ externalId: post.id, authorHandle: 'jo', url: null });
const HOUR = 3600_000;

describe('X adapter: the 24-hour posting cap', () => {
  let fake: FakeXServer;
  let clock: number;
  const adapter = (options: Partial<XAdapterOptions> = {}) =>
    createXAdapter({ client: createFakeXClient(fake), brandUserId: fake.brand.id, brandHandle: 'AcmeAir', now: () => clock, ...options });

  beforeEach(async () => {
    clock = Date.now();
    fake = await startFakeX({ now: () => clock });
  });
  afterEach(async () => {
    const violations = contractViolations(fake);
    await fake.close();
    expect(violations).toEqual([]);
  });

  it('learns the cap from X headers and, once it is used up, does not even try until it resets', async () => {
    const resetAt = new Date(Math.ceil((clock + 5 * HOUR) / 1000) * 1000);
    fake.setPostingCap({ limit: 3, used: 2, resetAt });
    const x = adapter();
    const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });

    await x.publishReply(target(mention), 'On it!');
    expect(fake.exchanges.at(-1)!.headers).toMatchObject({ 'x-user-limit-24hour-limit': '3', 'x-user-limit-24hour-remaining': '0' });

    const other = fake.addPost({ author: 'mia', text: '@AcmeAir me too' });
    const error = await x.publishReply(target(other), 'On it too!').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt.toISOString()).toBe(resetAt.toISOString());
    expect((error as Error).message).toBe(`X's 24-hour posting cap for this account (3 posts) is used up; it resets at ${resetAt.toISOString()}.`);
    expect(fake.received).toHaveLength(1); // the refused one was never sent

    clock = resetAt.getTime() + 1_000;
    await x.publishReply(target(other), 'On it too!');
    expect(fake.repliesTo(other.id)).toHaveLength(1);
    expect(fake.received).toHaveLength(2);
  });

  it('a 429 from the cap waits for the cap reset, not the 15-minute window, and posts nothing', async () => {
    const resetAt = new Date(Math.ceil((clock + 20 * HOUR) / 1000) * 1000);
    fake.setPostingCap({ limit: 17, used: 17, resetAt });
    const x = adapter(); // knows nothing of the cap yet: X tells it
    const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
    const error = await x.publishReply(target(mention), 'On it!').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt.toISOString()).toBe(resetAt.toISOString());
    expect((error as Error).message).toMatch(/24-hour posting cap for this account \(17 posts\) is used up/);
    expect(fake.received).toEqual([expect.objectContaining({ status: 429, createdId: null })]);
    expect(fake.repliesTo(mention.id)).toHaveLength(0);
    // And it remembers: the next reply is not sent at all.
    await expect(x.publishReply(target(mention), 'Again')).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.received).toHaveLength(1);
  });

  it('the fake refuses a post over X weighted 280 and the adapter says it is too long', async () => {
    const x = adapter();
    const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
    // 140 CJK characters weigh 280: allowed. One more is too long.
    await x.publishReply(target(mention), '你'.repeat(140));
    const error = await x.publishReply(target(mention), '好'.repeat(141)).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, sent: 'no', status: 403 });
    expect((error as Error).message).toMatch(/^X refused the reply as too long \(Your Tweet text is too long\. .*\)\. X allows 280, counting every link as 23/);
    expect(fake.repliesTo(mention.id)).toHaveLength(1);
  });
});

describe("the fake's own count of X's weighted length", () => {
  // Worked out by hand from X's rules (twitter-text v3), not by either implementation.
  it.each([
    ['280 Latin letters', 'a'.repeat(280), 280],
    ['140 CJK characters', '你'.repeat(140), 280],
    ['an emoji with a skin tone', 'Hi 👋🏽', 5],
    ['a ZWJ family', '👨‍👩‍👧', 2],
    ['a flag', '🇫🇷', 2],
    ['a long link, then a full stop', 'see https://acme.example.com/a/very/long/path?x=1.', 28],
    ['a bare domain', 'acme.com rocks', 29],
    ['decomposed accents (NFC first)', 'e\u0301te\u0301', 3],
    ['typographic quotes and dashes', '“quotes” – dash', 15],
  ])('%s', (_, text, weight) => {
    expect(postWeight(text)).toBe(weight);
    // The adapter's count, written separately, agrees: what it lets through, the fake accepts.
    expect(xWeightedLength(text)).toBe(weight);
  });
});

describe('publishing through BullMQ: a refused reply waits for X reset, then is sent once', () => {
  let t: TestDb;
  let runtime: Runtime;
  let fake: FakeXServer;
  const prefix = testPrefix();

  beforeEach(async () => {
    t = await createTestDb();
    runtime = { db: t.db, bus: new JobBus({ redisUrl: testRedisUrl, prefix }), logger: silentLogger };
    fake = await startFakeX();
  });
  afterEach(async () => {
    const violations = contractViolations(fake);
    await runtime.bus.close();
    await fake.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
    expect(violations).toEqual([]);
  });

  /** A mention stored as the pipeline stores it, and the deps a publisher uses. */
  const setUp = async (count = 1) => {
    const brand = await ensureBrand(t.db, 'Acme Air');
    const stream = await insertStream(t.db, { brandId: brand.id, platform: 'x', name: 's', query: { includeSearch: false } });
    const posts = Array.from({ length: count }, (_, i) => fake.addPost({ author: `jo${i}`, text: `@AcmeAir my bag ${i} is lost` }));
    const deps = { runtime, adapters: createAdapterRegistry([createXAdapter({ client: createFakeXClient(fake) })]) };
    expect(await handlePollStream(deps, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: count });
    for (const page of await t.db.selectFrom('collected_pages').select('id').execute()) await handleAnalyzeMentions(runtime, { pageId: page.id });
    const mentions = await t.db.selectFrom('mentions').selectAll().orderBy('external_id').execute();
    const replies = [];
    for (const [i, m] of mentions.entries()) {
      replies.push((await insertReply(t.db, { mentionId: m.id, userId: null, text: `Sorry! We are looking for bag ${i}.`, idempotencyKey: `k-${i}` })).reply);
    }
    return { deps, posts, replies };
  };

  it('the handler turns a 429 into a wait until X reset: queued, nothing posted, saying why', async () => {
    const { deps, replies } = await setUp();
    const resetAt = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000);
    fake.inject({ kind: 'rate-limited', resetAt }, { route: 'createPost' });
    const error = await handlePublishReply(deps, { replyId: replies[0]!.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryAtError);
    expect((error as RetryAtError).at.getTime()).toBe(resetAt.getTime() + 1_000);
    const waiting = await findReplyById(t.db, replies[0]!.id);
    expect(waiting).toMatchObject({ state: 'queued', external_id: null });
    expect(waiting!.error).toBe(`X rate limit reached for the reply to post ${(await t.db.selectFrom('mentions').select('external_id').executeTakeFirstOrThrow()).external_id}; it resets at ${resetAt.toISOString()}. Nothing was posted; the reply waits and is sent then.`);
    expect(fake.received.filter((r) => r.createdId !== null)).toHaveLength(0);
  });

  it('a 429 on POST /2/tweets: the job waits for x-rate-limit-reset (no backoff retries), then posts once', async () => {
    const { deps, posts, replies } = await setUp();
    const resetAt = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    fake.inject({ kind: 'rate-limited', resetAt }, { route: 'createPost' });
    const arrivals: number[] = [];
    const worker = runtime.bus.consume('publishReply', async (p) => {
      await handlePublishReply(deps, p).finally(() => arrivals.push(Date.now()));
    });
    try {
      await runtime.bus.enqueue('publishReply', { replyId: replies[0]!.id });
      const sent = await waitFor('the reply to be sent', async () => {
        const r = await findReplyById(t.db, replies[0]!.id);
        return r?.state === 'sent' ? r : undefined;
      }, 15_000);
      // Twice in all: refused, then sent after the reset, never in between (plain backoff would retry at +2 s).
      expect(arrivals).toHaveLength(2);
      expect(arrivals[1]!).toBeGreaterThanOrEqual(resetAt.getTime());
      expect(fake.received.map((r) => r.status)).toEqual([429, 201]);
      expect(fake.repliesTo(posts[0]!.id)).toHaveLength(1);
      expect(sent.error).toBeNull();
      // The wait used no attempt: the job never failed.
      expect(await runtime.bus.queue('publishReply').getFailedCount()).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('the 24-hour cap: replies wait (not fail) with the reason, X is not asked again until reset, each posts once', async () => {
    const { deps, posts, replies } = await setUp(3);
    const resetAt = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
    fake.setPostingCap({ limit: 2, used: 2, resetAt });
    let runs = 0;
    const worker = runtime.bus.consume('publishReply', async (p) => {
      runs++;
      await handlePublishReply(deps, p);
    }, { concurrency: 1 });
    try {
      await runtime.bus.enqueue('publishReply', { replyId: replies[0]!.id });
      const waiting = await waitFor('the first reply to wait for the cap', async () => {
        const r = await findReplyById(t.db, replies[0]!.id);
        return r?.error ? r : undefined;
      });
      expect(waiting.state).toBe('queued');
      expect(waiting.error).toBe(`X's 24-hour posting cap for this account (2 posts) is used up; it resets at ${resetAt.toISOString()}. Nothing was posted; the reply waits and is sent then.`);
      // Two more replies meanwhile: the adapter knows the cap, so X is not asked for them.
      await runtime.bus.enqueue('publishReply', { replyId: replies[1]!.id });
      await runtime.bus.enqueue('publishReply', { replyId: replies[2]!.id });
      await waitFor('the other replies to wait too', async () => {
        const rows = await Promise.all(replies.slice(1).map((r) => findReplyById(t.db, r.id)));
        return rows.every((r) => r?.state === 'queued' && r.error?.includes('24-hour posting cap')) ? true : undefined;
      });
      expect(fake.received.map((r) => r.status)).toEqual([429]);
      // Until the reset each job ran once: they wait for it rather than retrying on a backoff.
      await new Promise((r) => setTimeout(r, resetAt.getTime() - Date.now() - 300));
      expect(runs).toBe(3);
      expect(fake.received).toHaveLength(1);

      // After the reset a new day begins (limit 2): two are posted, the third waits for the next reset.
      await waitFor('two replies sent after the reset', async () => {
        const rows = await Promise.all(replies.map((r) => findReplyById(t.db, r.id)));
        return rows.filter((r) => r?.state === 'sent').length === 2 ? rows : undefined;
      }, 15_000);
      expect(fake.received.filter((r) => r.status === 201)).toHaveLength(2);
      const rows = await Promise.all(replies.map((r) => findReplyById(t.db, r.id)));
      const left = rows.find((r) => r?.state !== 'sent')!;
      expect(left.state).toBe('queued');
      expect(left.error).toMatch(/24-hour posting cap for this account \(2 posts\) is used up/);
      for (const post of posts) expect(fake.repliesTo(post.id).length).toBeLessThanOrEqual(1);
      expect(await runtime.bus.queue('publishReply').getFailedCount()).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
