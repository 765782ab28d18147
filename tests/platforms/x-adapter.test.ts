import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectedMention } from '@earshot/db';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '@earshot/collectors';
import { Agent } from 'node:http';
import { createXAdapter, xDefinition, XQuerySchema, type XAdapterOptions } from '@earshot/collectors';
import { FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS, startFakeX, WRONG_SHAPE_PAGE, X_USAGE_CAPPED, type FakeXPost, type FakeXServer } from '../fakes/x/fake-x-server.ts';
import { createFakeXClient } from '../fakes/x/fake-x-client.ts';
import { contractViolations } from '../contracts/x/check-exchanges.ts';
import { pollFails, pollOk } from '../support/poll-adapter.ts';

const ids = (mentions: CollectedMention[]) => mentions.map((m) => m.externalId);
const idsOf = (posts: FakeXPost[]) => posts.map((p) => p.id);

describe('X adapter through the real twitter-api-v2 client and the fake X', () => {
  let fake: FakeXServer;
  const adapter = (options: Partial<XAdapterOptions> = {}, timeoutMs?: number) =>
    createXAdapter({ client: createFakeXClient(fake, timeoutMs ? { timeoutMs } : {}), ...options });

  beforeEach(async () => {
    fake = await startFakeX();
  });
  afterEach(async () => {
    // Whatever a test did, everything the fake answered must be what X's OpenAPI allows.
    const violations = contractViolations(fake);
    await fake.close();
    expect(violations).toEqual([]);
  });

  it('reads mentions and search results once each across pages and polls, with author and context', async () => {
    const x = adapter();
    const query = XQuerySchema.parse({ keywords: ['acme', 'acme air'], exclude: ['hiring'], language: 'en' });
    fake.addUser({ username: 'jo_travels', name: 'Jo T', followers: 321 });
    fake.addUser({ username: 'MiaFlies', name: 'Mia', followers: 54_000, verified: true });

    // Before the stream existed: the first poll takes these as its backlog.
    const early = [fake.addPost({ author: 'jo_travels', text: '@AcmeAir hello?' }), fake.addPost({ author: 'MiaFlies', text: 'acme air lounge is nice' })];
    const first = await pollOk(x, query, null);
    expect(ids(first.mentions).sort()).toEqual(idsOf(early).sort());
    expect(first.reads).toBe(2);

    // New activity: a thread with the brand, search-only posts, a post that is both, and noise.
    const complaint = fake.addPost({ author: 'jo_travels', text: '@AcmeAir my bag is lost & nobody <answers>' });
    const brandAnswer = fake.addPost({ author: 'AcmeAir', text: 'Sorry about your acme bag, DM us & we will look', replyTo: complaint.id });
    const followUp = fake.addPost({ author: 'jo_travels', text: '@AcmeAir still nothing after 3 days', replyTo: brandAnswer.id });
    const mentionsOnly: FakeXPost[] = [];
    for (let i = 0; i < 18; i++) mentionsOnly.push(fake.addPost({ author: i % 2 ? 'MiaFlies' : 'jo_travels', text: `@AcmeAir question ${i}` }));
    const searchOnly: FakeXPost[] = [];
    for (let i = 0; i < 9; i++) searchOnly.push(fake.addPost({ author: 'MiaFlies', text: `flying acme air today, number ${i}` }));
    const both = fake.addPost({ author: 'MiaFlies', text: '@AcmeAir acme is the best' });
    fake.addPost({ author: 'MiaFlies', text: 'acme is hiring pilots' }); // excluded word
    fake.addPost({ author: 'MiaFlies', text: 'acme air es genial', lang: 'es' }); // other language
    fake.addPost({ author: 'MiaFlies', text: 'RT acme air rocks', retweetOf: searchOnly[0]!.id }); // a retweet
    fake.addPost({ author: 'jo_travels', text: 'nothing to do with anyone' });

    fake.splitPages('mentions', [7, 7, 7]);
    fake.splitPages('search', [4, 4]);
    const second = await pollOk(x, query, first.cursor);

    const expected = [complaint, followUp, ...mentionsOnly, ...searchOnly, both];
    expect(ids(second.mentions).sort()).toEqual(idsOf(expected).sort());
    expect(new Set(ids(second.mentions)).size).toBe(second.mentions.length);
    expect(ids(second.mentions)).not.toContain(brandAnswer.id); // the brand's own post
    // Mentions: 21 in pages of 7. Search: 11 matches in pages of 4, 4, 3, less the post
    // already read as a mention and the brand's own answer (read, and billed, but not yielded).
    expect(second.pages.map((p) => p.length)).toEqual([7, 7, 7, 3, 4, 2]);
    expect(second.reads).toBe(21 + 11);
    const searches = fake.requestsTo('search').map((r) => new URLSearchParams(r.query));
    expect(searches.at(-1)!.get('next_token')).toBeTruthy();
    expect(searches.at(-1)!.get('query')).toBe('(acme OR "acme air") -hiring lang:en -is:retweet');

    const byId = new Map(second.mentions.map((m) => [m.externalId, m]));
    expect(byId.get(complaint.id)).toEqual({
      externalId: complaint.id,
      url: `https://x.com/jo_travels/status/${complaint.id}`,
      text: '@AcmeAir my bag is lost & nobody <answers>',
      lang: 'en',
      postedAt: complaint.createdAt.toISOString(),
      author: { externalId: complaint.authorId, handle: 'jo_travels', name: 'Jo T', followers: 321, verified: false },
      context: null,
    });
    expect(byId.get(followUp.id)!.context).toEqual({
      externalId: brandAnswer.id,
      authorHandle: 'AcmeAir',
      text: 'Sorry about your acme bag, DM us & we will look',
    });
    expect(byId.get(both.id)!.author).toMatchObject({ handle: 'MiaFlies', followers: 54_000, verified: true });

    // Nothing new: nothing read, nothing yielded, the position holds.
    const third = await pollOk(x, query, second.cursor);
    expect(third.mentions).toEqual([]);
    expect(third.reads).toBe(0);
    const sinceSent = fake.requestsTo('mentions').at(-1)!;
    expect(new URLSearchParams(sinceSent.query).get('since_id')).toBe(mentionsOnly.concat(both).at(-1)!.id);

    const later = [fake.addPost({ author: 'jo_travels', text: '@AcmeAir any news?' }), fake.addPost({ author: 'MiaFlies', text: 'acme air again' })];
    const fourth = await pollOk(x, query, third.cursor);
    expect(ids(fourth.mentions).sort()).toEqual(idsOf(later).sort());
  });

  it('takes only the newest posts as the backlog of a first poll', async () => {
    const x = adapter({ firstPollBacklog: 10 });
    const query = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });
    const posts = Array.from({ length: 30 }, (_, i) => fake.addPost({ author: 'jo', text: `acme ${i}` }));
    const first = await pollOk(x, query, null);
    expect(ids(first.mentions)).toEqual(idsOf(posts.slice(-10)).reverse());
    const newer = fake.addPost({ author: 'jo', text: 'acme new' });
    expect(ids((await pollOk(x, query, first.cursor)).mentions)).toEqual([newer.id]);
  });

  it('stops before the read budget is exceeded and later fills the gap it left, skipping nothing', async () => {
    const x = adapter();
    const query = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });
    fake.addPost({ author: 'jo', text: 'acme seed' });
    const start = await pollOk(x, query, null);
    const backlog = Array.from({ length: 45 }, (_, i) => fake.addPost({ author: 'jo', text: `acme ${i}` }));

    const cut = await pollOk(x, query, start.cursor, 25);
    expect(cut.reads).toBe(25);
    expect(ids(cut.mentions)).toEqual(idsOf(backlog.slice(-25)).reverse()); // X gives the newest first
    expect(new URLSearchParams(fake.requestsTo('search').at(-1)!.query).get('max_results')).toBe('25');

    // A budget too small for X's smallest page (10) reads nothing and keeps the position.
    const starved = await pollOk(x, query, cut.cursor, 9);
    expect({ cursor: starved.cursor, reads: starved.reads }).toEqual({ cursor: cut.cursor, reads: 0 });

    const newer = fake.addPost({ author: 'jo', text: 'acme after the cut' });
    const rest = await pollOk(x, query, cut.cursor, 100);
    expect(ids(rest.mentions).sort()).toEqual([...idsOf(backlog.slice(0, 20)), newer.id].sort());
    expect(rest.reads).toBe(21);
    const after = await pollOk(x, query, rest.cursor);
    expect(after.mentions).toEqual([]);
  });

  it('turns a 429 into RateLimitedError with the reset X sent', async () => {
    const x = adapter();
    const query = XQuerySchema.parse({ keywords: ['acme'] });
    const cursor = (await pollOk(x, query, null)).cursor;
    fake.addPost({ author: 'jo', text: '@AcmeAir hi' });
    const resetAt = new Date(Math.ceil((Date.now() + 120_000) / 1000) * 1000);
    fake.inject({ kind: 'rate-limited', resetAt }, { route: 'search' });

    const { pages, error } = await pollFails(x, query, cursor);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt.toISOString()).toBe(resetAt.toISOString());
    expect((error as RateLimitedError).platform).toBe('x');
    expect(pages.flat()).toHaveLength(1); // the mentions page came first
    // The window stays closed until the reset, as on X.
    await expect(pollOk(x, query, cursor)).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.exchanges.filter((e) => e.status === 429).map((e) => e.headers['x-rate-limit-remaining'])).toEqual(['0', '0']);
  });

  it('treats the usage cap (also a 429) as a failure to act on, not a wait', async () => {
    const x = adapter();
    fake.inject({ kind: 'status', status: 429, body: X_USAGE_CAPPED }, { route: 'search' });
    const error = await pollOk(x, XQuerySchema.parse({ keywords: ['acme'], includeMentions: false }), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(/usage cap is reached/);
  });

  it.each([
    ['malformed-json', { kind: 'malformed-json' }, /malformed page of recent search: the body is not valid JSON \(HTTP 200\)/],
    ['wrong-shape', { kind: 'body', body: WRONG_SHAPE_PAGE }, /malformed page of recent search: data\.0\.id: /],
  ] as const)('a %s page throws MalformedPayloadError; nothing of it is yielded and a re-poll loses nothing', async (_, fault, message) => {
    const x = adapter();
    const query = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });
    fake.addPost({ author: 'jo', text: 'acme seed' });
    const start = (await pollOk(x, query, null)).cursor;
    const posts = Array.from({ length: 10 }, (_, i) => fake.addPost({ author: 'jo', text: `acme ${i}` }));
    fake.splitPages('search', [4, 4]);
    fake.inject(fault, { route: 'search', skip: 1 });

    const { pages, error } = await pollFails(x, query, start);
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as Error).message).toMatch(message);
    expect(ids(pages.flat())).toEqual(idsOf(posts.slice(-4)).reverse()); // only the page before it

    // The runner saves no cursor after a failure: polling from the same one reads everything.
    const again = await pollOk(x, query, start);
    expect(ids(again.mentions).sort()).toEqual(idsOf(posts).sort());
  });

  it('rejects a page whose contents contradict its own meta', async () => {
    const x = adapter();
    // Missing author in includes with no partial error explaining it: not X's shape.
    const query = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });
    const post = fake.addPost({ author: 'jo', text: 'acme' });
    fake.users.delete(post.authorId);
    const error = await pollOk(x, query, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as Error).message).toContain(`post ${post.id} has author ${post.authorId}, who is not in includes.users`);
  });

  it('reports 5xx and silence as retryable, and refused credentials as not, saying what to check', async () => {
    const query = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });
    fake.inject({ kind: 'status', status: 503 }, { route: 'search' });
    const unavailable = await pollOk(adapter(), query, null).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(PlatformError);
    expect(unavailable).toMatchObject({ retryable: true, status: 503 });

    fake.inject({ kind: 'hang' }, { route: 'search' });
    const silent = await pollOk(adapter({}, 300), query, null).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(PlatformError);
    expect(silent).toMatchObject({ retryable: true });
    expect((silent as Error).message).toMatch(/Could not reach X/);

    const wrongSecret = createXAdapter({ client: createFakeXClient(fake, { credentials: { ...FAKE_X_CREDENTIALS, accessSecret: 'not-it' } }) });
    const refused = await pollOk(wrongSecret, query, null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformError);
    expect(refused).toMatchObject({ retryable: false, status: 401 });
    expect((refused as Error).message).toMatch(/Check the X API key, API secret, access token and access token secret/);
  });

  it('reads with a bearer token when the brand account id is given, and says what is missing when not', async () => {
    const bearer = { bearerToken: FAKE_X_BEARER_TOKEN };
    const query = XQuerySchema.parse({ keywords: ['acme'] });
    const post = fake.addPost({ author: 'jo', text: '@AcmeAir acme' });
    const withId = createXAdapter({ client: createFakeXClient(fake, { credentials: bearer }), brandUserId: fake.brand.id });
    expect(ids((await pollOk(withId, query, null)).mentions)).toEqual([post.id]);

    const withoutId = createXAdapter({ client: createFakeXClient(fake, { credentials: bearer }) });
    const error = await pollOk(withoutId, query, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as Error).message).toMatch(/needs user-context credentials/);
    await expect(withoutId.publishReply({ externalId: post.id, authorHandle: 'jo', url: null }, 'hi')).rejects.toMatchObject({ retryable: false, sent: 'no' });
    expect(fake.received).toHaveLength(0);
  });

  it('checks the credentials belong to the configured brand account', async () => {
    const other = fake.addUser({ username: 'SomeoneElse' });
    const x = adapter({ brandUserId: other.id });
    const error = await x.publishReply({ externalId: fake.addPost({ author: 'jo', text: 'hi' }).id, authorHandle: 'jo', url: null }, 'hello').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/belong to @AcmeAir/);
    expect(fake.received).toHaveLength(0);
  });

  describe('replies', () => {
    const target = (post: FakeXPost) => ({ externalId: post.id, authorHandle: 'jo', url: null });

    it('posts a reply once and returns its id and link', async () => {
      const x = adapter();
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      const text = 'Sorry, Jo! Details & refunds: https://acme.example.com/help/refunds?from=x';
      const published = await x.publishReply(target(mention), text);
      expect(fake.received).toHaveLength(1);
      expect(fake.received[0]!.body).toEqual({ text, reply: { in_reply_to_tweet_id: mention.id } });
      const [stored] = fake.repliesTo(mention.id);
      expect(published).toEqual({ externalId: stored!.id, url: `https://x.com/AcmeAir/status/${stored!.id}` });
    });

    it('a reply to a deleted post fails for good, and says why', async () => {
      const x = adapter();
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      fake.deletePost(mention.id);
      const error = await x.publishReply(target(mention), 'Sorry!').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ retryable: false, sent: 'no', status: 403 });
      expect((error as Error).message).toMatch(/deleted or is no longer visible/);
      expect(fake.received).toEqual([expect.objectContaining({ status: 403, createdId: null })]);
    });

    it('a rate-limited send is a RateLimitedError and posts nothing', async () => {
      const x = adapter();
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      fake.inject({ kind: 'rate-limited', resetAt: new Date(Date.now() + 60_000) }, { route: 'createPost' });
      await expect(x.publishReply(target(mention), 'Sorry!')).rejects.toBeInstanceOf(RateLimitedError);
      expect(fake.repliesTo(mention.id)).toHaveLength(0);
    });

    it.each([
      ['the connection is reset after X stored it', { kind: 'drop-response', mode: 'reset' }, 3_000],
      ['X never answers after storing it', { kind: 'drop-response', mode: 'hang' }, 300],
      ['X stored it and answered 503', { kind: 'status', status: 503 }, 3_000],
      ['X stored it and its answer is cut off', { kind: 'malformed-json' }, 3_000],
    ] as const)('a send whose outcome is unknown (%s) says so, and findReply finds the one reply', async (_, fault, timeoutMs) => {
      const x = adapter({}, timeoutMs);
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      const text = 'We are on it & will DM you: https://acme.example.com/case?id=42';
      fake.inject(fault, { route: 'createPost' });
      const error = await x.publishReply(target(mention), text).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ sent: 'unknown', retryable: true });

      if (fault.kind === 'status') {
        // This fake's 503 comes before storing: then the check must say "not posted".
        expect(fake.repliesTo(mention.id)).toHaveLength(0);
        expect(await x.findReply(target(mention), text)).toBeNull();
        return;
      }
      const stored = fake.repliesTo(mention.id);
      expect(stored).toHaveLength(1);
      // X shortened the link and escaped the &: the check still recognizes the text.
      expect(stored[0]!.text).not.toBe(text);
      expect(await x.findReply(target(mention), text)).toEqual({ externalId: stored[0]!.id, url: `https://x.com/AcmeAir/status/${stored[0]!.id}` });
      expect(fake.received).toHaveLength(1);
    });

    it('findReply looks through pages of the brand posts and ignores other replies and other texts', async () => {
      const x = adapter();
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      const elsewhere = fake.addPost({ author: 'mia', text: '@AcmeAir me too' });
      fake.addPost({ author: 'AcmeAir', text: 'Sorry to hear that!', replyTo: elsewhere.id }); // same text, other post
      fake.addPost({ author: 'AcmeAir', text: 'Something else', replyTo: mention.id }); // this post, other text
      expect(await x.findReply(target(mention), 'Sorry to hear that!')).toBeNull();

      const reply = fake.addPost({ author: 'AcmeAir', text: 'Sorry to hear that!', replyTo: mention.id });
      for (let i = 0; i < 7; i++) fake.addPost({ author: 'AcmeAir', text: `Unrelated update ${i}` });
      fake.splitPages('userTweets', [3, 3, 3, 3]);
      expect(await x.findReply(target(mention), 'Sorry to hear that!')).toEqual({ externalId: reply.id, url: `https://x.com/AcmeAir/status/${reply.id}` });
      const since = fake.requestsTo('userTweets').map((r) => new URLSearchParams(r.query).get('since_id'));
      expect(new Set(since)).toEqual(new Set([mention.id]));
    });

    it('findReply reports it cannot tell rather than guessing when the brand posted too much since', async () => {
      const x = adapter({ findReplyMaxPages: 2 });
      const mention = fake.addPost({ author: 'jo', text: '@AcmeAir help' });
      for (let i = 0; i < 5; i++) fake.addPost({ author: 'AcmeAir', text: `Update ${i}` });
      fake.splitPages('userTweets', [2, 2, 2]);
      const error = await x.findReply(target(mention), 'Sorry').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as Error).message).toMatch(/Could not tell whether the reply/);
    });
  });

  it('the platform definition builds a working adapter from stored credentials and refuses incomplete ones', async () => {
    const definition = xDefinition({
      httpAgent: new Agent(),
      plugins: [{ onBeforeRequestConfig: ({ params }) => void (params.url = params.url.replace('https://api.x.com', fake.url)) }],
    });
    expect(definition.querySchema.safeParse(definition.queryExample).success).toBe(true);
    expect(definition.credentials!.schema.safeParse({ appKey: 'k', appSecret: '', accessToken: 't', accessSecret: 's' }).success).toBe(false);
    const x = definition.createAdapter({ db: undefined as never, credentials: { ...FAKE_X_CREDENTIALS, brandUserId: '' } });
    const post = fake.addPost({ author: 'jo', text: '@AcmeAir hello' });
    const polled = await pollOk(x, XQuerySchema.parse({ includeSearch: false }), null);
    expect(ids(polled.mentions)).toEqual([post.id]);
    expect(await x.publishReply({ externalId: post.id, authorHandle: 'jo', url: null }, 'Hi Jo!')).toMatchObject({ url: expect.stringMatching(/^https:\/\/x\.com\/AcmeAir\/status\/\d+$/) });
  });

  it('checks reply length as X counts it', () => {
    const x = adapter();
    expect(x.checkReply('Thanks! 🙏 https://acme.example.com/a/very/long/path/to/a/help/page')).toEqual({ ok: true });
    expect(x.checkReply('好'.repeat(141))).toMatchObject({ ok: false, message: expect.stringContaining('282') });
  });
});
