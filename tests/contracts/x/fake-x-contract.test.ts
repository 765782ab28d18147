import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_X_BEARER_TOKEN, FAKE_X_CREDENTIALS, snowflakeAt, startFakeX, WRONG_SHAPE_PAGE, WRONG_SHAPE_POST, X_USAGE_CAPPED, type FakeXServer } from '../../fakes/x/fake-x-server.ts';
import { createFakeXClient, type XClient } from '../../fakes/x/fake-x-client.ts';
import { contractViolations } from './check-exchanges.ts';
import { extractSubset, OPERATIONS } from './extract-subset.ts';
import { XContract } from './x-contract.ts';

const FIELDS = {
  expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id',
  'tweet.fields': 'author_id,created_at,lang,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics',
  'user.fields': 'username,name,verified,public_metrics',
};

/** Calls X through the real client and keeps going whatever X answers: only the fake's record matters here. */
async function hit(run: () => Promise<unknown>): Promise<void> {
  await run().catch(() => undefined);
}

describe('every answer of the fake X server is what X API v2 defines', () => {
  let fake: FakeXServer;
  let user: XClient;
  let app: XClient;
  let wrong: XClient;

  beforeAll(async () => {
    fake = await startFakeX();
    user = createFakeXClient(fake, { timeoutMs: 500 });
    app = createFakeXClient(fake, { credentials: { bearerToken: FAKE_X_BEARER_TOKEN } });
    wrong = createFakeXClient(fake, { credentials: { ...FAKE_X_CREDENTIALS, appSecret: 'wrong' } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('on every route, success and failure, including each fault', async () => {
    const mention = fake.addPost({ author: 'jo', text: '@AcmeAir where is my bag? & <why>' });
    const answer = fake.addPost({ author: 'AcmeAir', text: 'Sorry! acme will find it', replyTo: mention.id });
    const followUp = fake.addPost({ author: 'jo', text: '@AcmeAir thanks acme', replyTo: answer.id });
    fake.addPost({ author: 'mia', text: 'acme lounge https://example.com/lounge', lang: 'en' });
    const orphanParent = fake.addPost({ author: 'mia', text: 'acme will be deleted' });
    fake.addPost({ author: 'jo', text: '@AcmeAir acme reply to a deleted post', replyTo: orphanParent.id });
    fake.deletePost(orphanParent.id);
    const brand = fake.brand.id;

    // Search: pages, empty, partial errors for a deleted referenced post, every refusal.
    fake.splitPages('search', [2]);
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', ...FIELDS, max_results: 10 }));
    const next = JSON.parse(fake.exchanges.at(-1)!.body).meta.next_token as string;
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', ...FIELDS, max_results: 10, next_token: next }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'nothing-matches-this', max_results: 10 }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', max_results: 5 }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', 'tweet.fields': 'author_id,colour' }));
    await hit(() => user.v2.get('tweets/search/recent', { query: '-acme' }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme colour:blue' }));
    await hit(() => user.v2.get('tweets/search/recent', { query: `acme ${'x'.repeat(600)}` }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', next_token: 'not-a-token' }));
    // Outside recent search's seven days, and ids mixed with times: X's 400s.
    const old = { id: snowflakeAt(Date.now() - 8 * 24 * 3600_000) };
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', since_id: old.id }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', until_id: old.id }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', start_time: new Date(Date.now() - 8 * 24 * 3600_000).toISOString() }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', since_id: mention.id, start_time: new Date(Date.now() - 3600_000).toISOString() }));
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme', ...FIELDS, start_time: new Date(Date.now() - 3600_000).toISOString() }));
    await hit(() => wrong.v2.get('tweets/search/recent', { query: 'acme' }));
    await hit(() => app.v2.get('tweets/search/recent', { query: 'acme' }));
    for (const status of [500, 502, 503] as const) {
      fake.inject({ kind: 'status', status }, { route: 'search' });
      await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));
    }
    fake.inject({ kind: 'status', status: 401 }, { route: 'search' });
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));
    fake.inject({ kind: 'status', status: 429, body: X_USAGE_CAPPED }, { route: 'search' });
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));
    for (const fault of [{ kind: 'malformed-json' }, { kind: 'body', body: WRONG_SHAPE_PAGE }] as const) {
      fake.inject(fault, { route: 'search' });
      await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));
    }
    fake.inject({ kind: 'hang' }, { route: 'search' });
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));
    fake.inject({ kind: 'reset' }, { route: 'search' });
    await hit(() => user.v2.get('tweets/search/recent', { query: 'acme' }));

    // Mentions and the brand's own posts.
    fake.splitPages('mentions', [1]);
    await hit(() => user.v2.get(`users/${brand}/mentions`, { ...FIELDS, max_results: 5 }));
    await hit(() => user.v2.get(`users/${brand}/mentions`, { ...FIELDS, since_id: followUp.id }));
    await hit(() => app.v2.get('users/123456789/mentions', FIELDS));
    await hit(() => user.v2.get(`users/${brand}/mentions`, { max_results: 101 }));
    await hit(() => user.v2.get(`users/${brand}/tweets`, { 'tweet.fields': 'referenced_tweets,created_at', max_results: 100, since_id: mention.id }));
    await hit(() => user.v2.get(`users/${brand}/tweets`, { exclude: 'replies' }));
    await hit(() => user.v2.get('users/123456789/tweets'));

    // The account, single posts, an unknown path.
    await hit(() => user.v2.get('users/me', { 'user.fields': 'username,public_metrics,verified,created_at' }));
    await hit(() => app.v2.get('users/me'));
    await hit(() => user.v2.get(`tweets/${followUp.id}`, FIELDS));
    await hit(() => user.v2.get(`tweets/${orphanParent.id}`));
    await hit(() => user.v2.get('no/such/endpoint'));

    // Posting: created, refused in each way X refuses, and answers mangled after storing.
    await hit(() => user.v2.reply('We are on it & <will> DM you https://acme.example.com/x', mention.id));
    await hit(() => user.v2.reply('Sorry!', orphanParent.id));
    await hit(() => user.v2.reply('We are on it & <will> DM you https://acme.example.com/x', followUp.id));
    await hit(() => user.v2.post('tweets', { text: '' }));
    await hit(() => user.v2.post('tweets', { text: 'hi', reply: { in_reply_to_tweet_id: 'abc' } }));
    await hit(() => app.v2.reply('From the app', mention.id));
    for (const fault of [{ kind: 'malformed-json' }, { kind: 'body', body: WRONG_SHAPE_POST }] as const) {
      fake.inject(fault, { route: 'createPost' });
      await hit(() => user.v2.reply(`mangled ${fault.kind}`, mention.id));
    }
    fake.inject({ kind: 'drop-response', mode: 'reset' }, { route: 'createPost' });
    await hit(() => user.v2.reply('lost answer', mention.id));
    await hit(() => user.v2.reply('x'.repeat(281), followUp.id));
    fake.setPostingCap({ limit: 5, used: 5 });
    await hit(() => user.v2.reply('over the daily cap', followUp.id));
    const capped = fake.exchanges.at(-1)!;
    fake.setPostingCap({ limit: 100 });
    fake.inject({ kind: 'rate-limited', resetAt: new Date(Date.now() + 60_000) }, { route: 'createPost' });
    await hit(() => user.v2.reply('too soon', mention.id));
    await hit(() => user.v2.reply('still too soon', mention.id));

    expect(contractViolations(fake)).toEqual([]);

    // The run covered what it claims: every route, every status, every fault.
    const routes = new Set(fake.exchanges.map((e) => e.route));
    expect(routes).toEqual(new Set(['search', 'mentions', 'userTweets', 'me', 'getPost', 'createPost', null]));
    expect(new Set(fake.exchanges.map((e) => e.status))).toEqual(new Set([200, 201, 400, 401, 403, 404, 429, 500, 502, 503]));
    expect(fake.exchanges.filter((e) => e.fault).map((e) => `${e.route}:${e.fault}`).sort()).toEqual(
      ['createPost:malformed-json', 'createPost:body', 'search:malformed-json', 'search:body'].sort(),
    );
    // Answers never delivered (hang, reset, lost after storing) are received but not in the record.
    expect(fake.requests.filter((r) => !r.delivered)).toHaveLength(3);
    expect(fake.pendingFaults()).toBe(0);
    // Partial errors and the 403s are in there, in X's words.
    const bodies = fake.exchanges.map((e) => e.body);
    expect(bodies.some((b) => b.includes('Could not find tweet with referenced_tweets.id'))).toBe(true);
    expect(bodies.some((b) => b.includes('You attempted to reply to a Tweet that is deleted or not visible to you.'))).toBe(true);
    expect(bodies.some((b) => b.includes('You are not allowed to create a Tweet with duplicate content.'))).toBe(true);
    expect(bodies.some((b) => b.includes('"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429'))).toBe(true);
    expect(bodies.filter((b) => b.includes('must be a tweet id created after'))).toHaveLength(2);
    expect(bodies.some((b) => b.includes("'start_time' must be on or after"))).toBe(true);
    expect(bodies.some((b) => b.includes("Invalid use of 'since_id' or 'until_id' in conjunction with 'start_time' or 'end_time'."))).toBe(true);
    expect(bodies.some((b) => b.includes('Your Tweet text is too long.'))).toBe(true);
    // Every answer to POST /2/tweets carries the account's 24-hour posting cap.
    const posts = fake.exchanges.filter((e) => e.route === 'createPost');
    expect(posts.every((e) => e.headers['x-user-limit-24hour-limit'] !== undefined && e.headers['x-user-limit-24hour-reset'] !== undefined)).toBe(true);
    expect(capped).toMatchObject({ status: 429, headers: { 'x-user-limit-24hour-limit': '5', 'x-user-limit-24hour-remaining': '0' } });
    // Every POST /2/tweets that arrived is counted, answered or not.
    expect(fake.received).toHaveLength(13);
    expect(fake.received.filter((r) => r.createdId !== null)).toHaveLength(4);
  });
});

describe('the contract check itself', () => {
  const contract = new XContract();
  const rate = { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': '1900000000' };
  const problemHeaders = { 'content-type': 'application/problem+json', ...rate };
  const jsonHeaders = { 'content-type': 'application/json', ...rate };

  it('accepts what X sends', () => {
    const tooMany = { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
    expect(contract.checkResponse({ method: 'GET', path: '/2/tweets/search/recent', status: 429, headers: problemHeaders, body: JSON.stringify(tooMany) })).toEqual([]);
    const page = { data: [{ id: '1', text: 'hi', edit_history_tweet_ids: ['1'] }], meta: { result_count: 1, newest_id: '1', oldest_id: '1' } };
    expect(contract.checkResponse({ method: 'GET', path: '/2/users/5/mentions', status: 200, headers: jsonHeaders, body: JSON.stringify(page) })).toEqual([]);
  });

  it.each([
    ['a post id that is a number', 200, jsonHeaders, { data: [{ id: 1, text: 'hi' }], meta: { result_count: 1 } }, /\/data\/0\/id must be string/],
    ['an empty data array', 200, jsonHeaders, { data: [], meta: { result_count: 0 } }, /\/data must NOT have fewer than 1 items/],
    ['a problem without a title', 503, problemHeaders, { type: 'about:blank', detail: 'down' }, /must have required property 'title'/],
    ['a problem served as plain JSON', 503, jsonHeaders, { title: 'x', type: 'about:blank' }, /must have required property 'code'/],
    ['a not-found problem without its resource', 200, jsonHeaders, { errors: [{ title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' }] }, /resource-not-found: .*resource_id/],
    ['an unknown problem type', 400, problemHeaders, { title: 'Bad', type: 'https://example.com/oops' }, /is not one X defines/],
    ['no rate limit headers', 200, { 'content-type': 'application/json' }, { meta: { result_count: 0 } }, /x-rate-limit-limit is missing/],
    ['a status X does not send here', 201, jsonHeaders, { meta: { result_count: 0 } }, /status 201 is not defined/],
  ])('refuses %s', (_, status, headers, body, message) => {
    const problems = contract.checkResponse({ method: 'GET', path: '/2/tweets/search/recent', status, headers, body: JSON.stringify(body) });
    expect(problems.join('\n')).toMatch(message);
  });

  it('checks request parameters as X does', () => {
    expect(contract.checkRequest('GET', '/2/tweets/search/recent', new URLSearchParams('query=acme&max_results=100'))).toEqual([]);
    expect(contract.checkRequest('GET', '/2/tweets/search/recent', new URLSearchParams('max_results=100'))).toEqual([
      { parameter: 'query', value: '', message: 'The `query` query parameter can not be empty' },
    ]);
    expect(contract.checkRequest('GET', '/2/users/me/mentions', new URLSearchParams('max_results=4'))).toEqual([
      { parameter: 'id', value: 'me', message: expect.stringContaining('must match pattern') },
      { parameter: 'max_results', value: '4', message: 'The `max_results` query parameter value [4] is not between 5 and 100' },
    ]);
  });

  it('the committed subset is closed: extracting it again changes nothing', () => {
    const subset = JSON.parse(readFileSync(new URL('./x-api-v2-subset.json', import.meta.url), 'utf8'));
    const again = extractSubset(subset);
    expect(Object.keys(again.paths as object).sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(again.components).toEqual(subset.components);
    expect((subset.info as { version: string }).version).toBe('2.161');
  });
});
