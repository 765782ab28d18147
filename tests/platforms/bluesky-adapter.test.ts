import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectedMention } from '@earshot/db';
import { MalformedPayloadError, PlatformError, RateLimitedError, type PlatformAdapter } from '@earshot/collectors';
// Until @earshot/collectors exports the Bluesky adapter from its index.
import { blueskyDefinition, createBlueskyAdapter, type BlueskyAdapterOptions, type BlueskyQuery } from '@earshot/collectors';
import { startFakeBluesky, type FakeBlueskyServer } from '../fakes/bluesky/fake-bluesky-server.ts';
import { drainPoll as drain, pollOk } from '../support/poll-adapter.ts';

const secondsAgo = (s: number) => new Date(Date.now() - s * 1_000);

let fake: FakeBlueskyServer;

beforeEach(async () => {
  fake = await startFakeBluesky();
});
afterEach(async () => {
  fake.releaseHung();
  await fake.close();
});

function adapterFor(options: Partial<BlueskyAdapterOptions> = {}): PlatformAdapter<BlueskyQuery> {
  return createBlueskyAdapter({ identifier: fake.brand.handle, appPassword: fake.appPassword, serviceUrl: fake.url, timeoutMs: 2_000, ...options });
}

const ids = (ms: CollectedMention[]) => ms.map((m) => m.externalId);
const searches = () => fake.requests.filter((r) => r.nsid === 'app.bsky.feed.searchPosts');

describe('Bluesky adapter through @atproto/api, polling', () => {
  it('collects each matching post once, with author and context, across pages, keywords and polls', async () => {
    const adapter = adapterFor();
    const query = { keywords: ['acme air', '#acmeair'], exclude: ['hiring'] };
    fake.addUser({ handle: 'jo.bsky.social', displayName: 'Jo Travels', verified: true });
    const thread = fake.addPost({ author: 'pilotpete.bsky.social', text: 'Anyone flying today?', createdAt: secondsAgo(300) });
    const complaint = fake.addPost({ author: 'jo.bsky.social', text: 'Acme Air lost my bag #acmeair', replyTo: thread.uri, createdAt: secondsAgo(200), langs: ['en'] });
    fake.addPost({ author: 'recruiter.bsky.social', text: 'acme air is hiring pilots', createdAt: secondsAgo(190) });
    fake.addPost({ author: 'other.bsky.social', text: 'acme airbus is not a thing', createdAt: secondsAgo(180) });

    const first = await pollOk(adapter, query, null);
    // Found by both keywords, handed over once.
    expect(first.mentions).toEqual([
      {
        externalId: complaint.uri,
        url: `https://bsky.app/profile/jo.bsky.social/post/${complaint.rkey}`,
        text: 'Acme Air lost my bag #acmeair',
        lang: 'en',
        postedAt: complaint.createdAt,
        author: { externalId: fake.addUser({ handle: 'jo.bsky.social' }).did, handle: 'jo.bsky.social', name: 'Jo Travels', followers: null, verified: true },
        context: { externalId: thread.uri, authorHandle: 'pilotpete.bsky.social', text: 'Anyone flying today?' },
      },
    ]);
    expect(searches().map((r) => r.query)).toEqual([
      { q: '"acme air"', sort: 'latest', limit: '25' },
      { q: '#acmeair', sort: 'latest', limit: '25' },
    ]);
    expect(fake.sessionsCreated).toBe(1);

    // Twelve more arrive, served three to a page; one answers a post of the same page, one our own account.
    fake.setPageSize(3);
    const fresh: string[] = [];
    for (let i = 0; i < 12; i++) fresh.push(fake.addPost({ author: `fan${i}.bsky.social`, text: `acme air delayed again ${i}`, createdAt: secondsAgo(100 - i) }).uri);
    const inPage = fake.addPost({ author: 'fan12.bsky.social', text: 'same with acme air', replyTo: fresh[11]!, createdAt: secondsAgo(80) });
    fake.addPost({ author: fake.brand.handle, text: 'Acme Air here: sorry, please DM us', replyTo: inPage.uri, createdAt: secondsAgo(79) });
    const before = fake.requests.length;
    const second = await pollOk(adapter, query, first.cursor);
    expect(ids(second.mentions).sort()).toEqual([...fresh, inPage.uri].sort());
    expect(second.mentions.find((m) => m.externalId === inPage.uri)!.context).toEqual({
      externalId: fresh[11],
      authorHandle: 'fan11.bsky.social',
      text: 'acme air delayed again 11',
    });
    const walk = fake.requests.slice(before);
    // Parents already read cost no lookup; the walk followed `cursor` and bounded the search with `since`.
    expect(walk.filter((r) => r.nsid === 'app.bsky.feed.getPosts')).toEqual([]);
    expect(walk.some((r) => r.query.cursor !== undefined)).toBe(true);
    expect(walk.filter((r) => r.nsid === 'app.bsky.feed.searchPosts').every((r) => typeof r.query.since === 'string')).toBe(true);
    expect(second.reads).toBeGreaterThanOrEqual(14);

    expect((await pollOk(adapter, query, second.cursor)).mentions).toEqual([]);

    // A post written 40 s ago that search shows only now, after newer ones were read: found, once.
    const late = fake.addPost({ author: 'slow.bsky.social', text: 'acme air lounge closed', createdAt: secondsAgo(40) });
    const newest = fake.addPost({ author: 'quick.bsky.social', text: 'acme air boarding', createdAt: new Date() });
    const third = await pollOk(adapter, query, second.cursor);
    expect(ids(third.mentions).sort()).toEqual([late.uri, newest.uri].sort());
    expect((await pollOk(adapter, query, third.cursor)).mentions).toEqual([]);
    expect(fake.sessionsCreated).toBe(1);
  });

  it('looks up parents that are not in the page in one request, and copes with a deleted one', async () => {
    const adapter = adapterFor();
    const first = await pollOk(adapter, { keywords: ['acme'] }, null);
    const oldA = fake.addPost({ author: 'a.bsky.social', text: 'Which airline to Lisbon?', createdAt: secondsAgo(3_600) });
    const oldB = fake.addPost({ author: 'b.bsky.social', text: 'gone soon', createdAt: secondsAgo(3_500) });
    const r1 = fake.addPost({ author: 'c.bsky.social', text: 'acme, cheapest', replyTo: oldA.uri });
    const r2 = fake.addPost({ author: 'd.bsky.social', text: 'not acme again', replyTo: oldB.uri });
    fake.deletePost(oldB.uri);
    const second = await pollOk(adapter, { keywords: ['acme'] }, first.cursor);
    const byId = new Map(second.mentions.map((m) => [m.externalId, m]));
    expect(byId.get(r1.uri)!.context).toEqual({ externalId: oldA.uri, authorHandle: 'a.bsky.social', text: 'Which airline to Lisbon?' });
    expect(byId.get(r2.uri)!.context).toEqual({ externalId: oldB.uri, authorHandle: null, text: null });
    const lookups = fake.requests.filter((r) => r.nsid === 'app.bsky.feed.getPosts');
    expect(lookups).toHaveLength(1);
    expect([lookups[0]!.query.uris].flat().sort()).toEqual([oldA.uri, oldB.uri].sort());
  });

  it('stays within the read budget and collects the rest on the next poll, nothing twice, nothing skipped', async () => {
    const adapter = adapterFor();
    const seed = fake.addPost({ author: 'seed.bsky.social', text: 'acme seed', createdAt: secondsAgo(600) });
    const first = await pollOk(adapter, { keywords: ['acme'], language: 'en' }, null);
    expect(ids(first.mentions)).toEqual([]); // not tagged English
    expect(searches()[0]!.query.lang).toBe('en');
    const all = await pollOk(adapter, { keywords: ['acme'] }, null);
    expect(ids(all.mentions)).toEqual([seed.uri]);

    fake.setPageSize(4);
    const posts = Array.from({ length: 15 }, (_, i) => fake.addPost({ author: `u${i}.bsky.social`, text: `acme ${i}`, createdAt: secondsAgo(500 - i * 10) }).uri);
    const limited = await pollOk(adapter, { keywords: ['acme'] }, all.cursor, 6);
    expect(limited.reads).toBeLessThanOrEqual(6);
    expect(searches().at(-1)!.query.limit).toBe('2');
    const late = fake.addPost({ author: 'late.bsky.social', text: 'acme late', createdAt: new Date() }).uri;
    const collected = [...ids(limited.mentions)];
    let cursor = limited.cursor;
    for (let round = 0; round < 6; round++) {
      const next = await pollOk(adapter, { keywords: ['acme'] }, cursor, 6);
      expect(next.reads).toBeLessThanOrEqual(6);
      collected.push(...ids(next.mentions));
      cursor = next.cursor;
    }
    expect(collected.sort()).toEqual([...posts, late].sort());
  });

  it('stops at a 429 with the reset time Bluesky gave, and loses nothing', async () => {
    const adapter = adapterFor();
    fake.addPost({ author: 'seed.bsky.social', text: 'acme seed', createdAt: secondsAgo(600) });
    const first = await pollOk(adapter, { keywords: ['acme'] }, null);
    fake.addPost({ author: 'a.bsky.social', text: 'acme one' });
    fake.inject({ kind: 'rate-limited', resetSeconds: 90 }, { nsid: 'app.bsky.feed.searchPosts' });
    const limited = await drain(adapter, { keywords: ['acme'] }, first.cursor);
    expect(limited.pages).toEqual([]);
    expect(limited.error).toBeInstanceOf(RateLimitedError);
    const resetAt = (limited.error as RateLimitedError).resetAt.getTime();
    expect(Math.abs(resetAt - (Date.now() + 90_000))).toBeLessThan(2_000);
    expect((limited.error as Error).message).toMatch(/policy 3000;w=300/);
    expect((await pollOk(adapter, { keywords: ['acme'] }, first.cursor)).mentions).toHaveLength(1);
  });

  it('yields nothing from a malformed page, and the next poll from the same cursor loses nothing', async () => {
    const adapter = adapterFor();
    fake.addPost({ author: 'seed.bsky.social', text: 'acme seed', createdAt: secondsAgo(600) });
    const first = await pollOk(adapter, { keywords: ['acme'] }, null);
    fake.setPageSize(2);
    const posts = Array.from({ length: 5 }, (_, i) => fake.addPost({ author: `u${i}.bsky.social`, text: `acme ${i}`, createdAt: secondsAgo(50 - i) }).uri);
    const cases = [
      { kind: 'malformed-json' as const },
      // Passes the lexicon (a record is `unknown` there) but is no post record: no text.
      { kind: 'body' as const, body: { posts: [{ uri: posts[0], cid: 'bafyreib2rxk3rybk3aobmv5cjuql3bm2twh4jo5uxgf5r4rjkhvvcpuo7e', author: { did: 'did:plc:abc', handle: 'a.bsky.social' }, record: { createdAt: 'x' }, indexedAt: new Date().toISOString() }] } },
      // Breaks the lexicon: no cid.
      { kind: 'body' as const, body: { posts: [{ uri: posts[0], author: { did: 'did:plc:abc', handle: 'a.bsky.social' }, record: {}, indexedAt: 'now' }] } },
    ];
    for (const [n, fault] of cases.entries()) {
      fake.inject(fault, { nsid: 'app.bsky.feed.searchPosts', skip: 1 });
      const broken = await drain(adapter, { keywords: ['acme'] }, first.cursor);
      expect([n, broken.error]).toEqual([n, expect.any(MalformedPayloadError)]);
      expect((broken.error as Error).message).toMatch(/Bluesky sent a malformed page of search results for "acme"/);
      // The page before the bad one was handed over; nothing of the bad one.
      expect(broken.pages.flat()).toHaveLength(2);
    }
    const retried = await pollOk(adapter, { keywords: ['acme'] }, first.cursor);
    expect(ids(retried.mentions).sort()).toEqual([...posts].sort());
  });

  it('turns server errors, timeouts and refused sign-ins into the right errors', async () => {
    const q = { keywords: ['acme'] };
    fake.inject({ kind: 'status', status: 502 }, { nsid: 'app.bsky.feed.searchPosts' });
    const failed = await drain(adapterFor(), q, null);
    expect(failed.error).toBeInstanceOf(PlatformError);
    expect(failed.error).toMatchObject({ retryable: true, status: 502 });

    fake.inject({ kind: 'hang' }, { nsid: 'app.bsky.feed.searchPosts' });
    const hung = await drain(adapterFor({ timeoutMs: 300 }), q, null);
    expect(hung.error).toMatchObject({ name: 'PlatformError', retryable: true, message: expect.stringMatching(/Could not reach Bluesky .*TimeoutError/) });

    const wrong = await drain(createBlueskyAdapter({ identifier: fake.brand.handle, appPassword: 'wxyz-wxyz-wxyz-wxyz', serviceUrl: fake.url }), q, null);
    expect(wrong.error).toMatchObject({ name: 'PlatformError', retryable: false, message: expect.stringMatching(/Invalid identifier or password.*app password/) });
  });

  it('renews an expired session by itself, and signs in again when the refresh token is gone too', async () => {
    const adapter = adapterFor();
    const first = await pollOk(adapter, { keywords: ['acme'] }, null);
    fake.expireAccessTokens();
    fake.addPost({ author: 'a.bsky.social', text: 'acme one' });
    expect((await pollOk(adapter, { keywords: ['acme'] }, first.cursor)).mentions).toHaveLength(1);
    expect(fake.requests.some((r) => r.nsid === 'com.atproto.server.refreshSession' && r.status === 200)).toBe(true);
    expect(fake.sessionsCreated).toBe(1);
    fake.expireAccessTokens();
    fake.expireRefreshTokens();
    fake.addPost({ author: 'b.bsky.social', text: 'acme two' });
    expect((await pollOk(adapter, { keywords: ['acme'] }, first.cursor)).mentions).toHaveLength(2);
    expect(fake.sessionsCreated).toBe(2);
  });

  it('is built by its platform definition from stored credentials, without touching the network', async () => {
    const definition = blueskyDefinition({ serviceUrl: fake.url, timeoutMs: 2_000 });
    const adapter = definition.createAdapter({ db: undefined as never, credentials: { identifier: `@${fake.brand.handle}`, appPassword: fake.appPassword.toUpperCase() } });
    expect(fake.requests).toEqual([]);
    fake.addPost({ author: 'a.bsky.social', text: 'acme one' });
    expect((await pollOk(adapter, { keywords: ['acme'] }, null)).mentions).toHaveLength(1);
  });
});

describe('Bluesky adapter through @atproto/api, replying', () => {
  it('posts one reply with the thread root and the parent as strong refs', async () => {
    const adapter = adapterFor();
    const root = fake.addPost({ author: 'a.bsky.social', text: 'Flying Acme tomorrow' });
    const parent = fake.addPost({ author: 'b.bsky.social', text: 'acme lost my bag', replyTo: root.uri });
    const text = 'Sorry! DM us at https://acme.example/help #acmecares';
    const sent = await adapter.publishReply({ externalId: parent.uri, authorHandle: 'b.bsky.social', url: null }, text);
    expect(fake.createRecordAttempts).toHaveLength(1);
    const [reply] = fake.repliesTo(parent.uri);
    expect(sent).toEqual({ externalId: reply!.uri, url: `https://bsky.app/profile/${fake.brand.handle}/post/${reply!.rkey}` });
    expect(reply!.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: parent.uri, cid: parent.cid } });
    const body = fake.createRecordAttempts[0]!.body as { repo: string; collection: string; record: { text: string; facets?: { features: { $type: string }[] }[] } };
    expect(body).toMatchObject({ repo: fake.brand.did, collection: 'app.bsky.feed.post', record: { text } });
    expect(body.record.facets?.map((f) => f.features[0]!.$type)).toEqual(['app.bsky.richtext.facet#link', 'app.bsky.richtext.facet#tag']);
    // A reply to a top-level post has that post as its root too.
    await adapter.publishReply({ externalId: root.uri, authorHandle: 'a.bsky.social', url: null }, 'Have a good flight!');
    expect(fake.repliesTo(root.uri)[0]!.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } });
  });

  it('refuses to answer a deleted post without sending anything', async () => {
    const adapter = adapterFor();
    const post = fake.addPost({ author: 'a.bsky.social', text: 'acme' });
    fake.deletePost(post.uri);
    const error = await adapter.publishReply({ externalId: post.uri, authorHandle: 'a.bsky.social', url: null }, 'Hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ sent: 'no', retryable: false, message: expect.stringMatching(/deleted or is no longer visible/) });
    expect(fake.createRecordAttempts).toEqual([]);
  });

  it('reports a lost answer as unknown, and findReply then finds the one reply that exists', async () => {
    const adapter = adapterFor();
    const post = fake.addPost({ author: 'a.bsky.social', text: 'acme cancelled my flight' });
    const other = fake.addPost({ author: 'b.bsky.social', text: 'acme again' });
    const target = { externalId: post.uri, authorHandle: 'a.bsky.social', url: null };
    const text = 'So sorry.   Please DM us and we will rebook you.';
    await adapter.publishReply({ externalId: other.uri, authorHandle: 'b.bsky.social', url: null }, text);
    expect(await adapter.findReply(target, text)).toBeNull();

    fake.inject({ kind: 'drop-response' }, { nsid: 'com.atproto.repo.createRecord' });
    const error = await adapter.publishReply(target, text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ sent: 'unknown', retryable: true });
    expect(fake.repliesTo(post.uri)).toHaveLength(1);

    fake.setPageSize(1); // it pages through the account's posts
    const found = await adapter.findReply(target, 'So sorry. Please DM us and we will rebook you.');
    const [reply] = fake.repliesTo(post.uri);
    expect(found).toEqual({ externalId: reply!.uri, url: `https://bsky.app/profile/${fake.brand.handle}/post/${reply!.rkey}` });
    expect(await adapter.findReply(target, 'A different text')).toBeNull();
    expect(fake.createRecordAttempts).toHaveLength(2);

    // A 5xx after sending is unknown too; a refusal before it is not.
    fake.inject({ kind: 'status', status: 500 }, { nsid: 'com.atproto.repo.createRecord' });
    expect(await adapter.publishReply(target, 'again').catch((e: unknown) => e)).toMatchObject({ sent: 'unknown', retryable: true });
    fake.inject({ kind: 'rate-limited', resetSeconds: 30 }, { nsid: 'com.atproto.repo.createRecord' });
    expect(await adapter.publishReply(target, 'again').catch((e: unknown) => e)).toBeInstanceOf(RateLimitedError);
  });
});
