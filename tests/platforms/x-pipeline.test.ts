import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterRegistry, handlePollStream, handlePublishReply, type PlatformAdapter } from '@earshot/collectors';
import { ensureBrand, findReplyById, insertReply, insertStream, JobBus, silentLogger, type CollectedMention, type Runtime, type Stream } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { handleAnalyzeMentions } from '@earshot/worker';
// Until @earshot/collectors exports the X adapter from its index.
import { createXAdapter, type XQuery } from '@earshot/collectors';
import { startFakeX, WRONG_SHAPE_PAGE, type FakeXServer } from '../fakes/x/fake-x-server.ts';
import { createFakeXClient } from '../fakes/x/fake-x-client.ts';
import { contractViolations } from '../contracts/x/check-exchanges.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { countingAdapter } from '../support/counting-adapter.ts';
import { waitForPolls, waitForQueueIdle } from '../support/settled.ts';


function xAdapter(fake: FakeXServer, timeoutMs = 3_000): PlatformAdapter<XQuery> {
  return createXAdapter({ client: createFakeXClient(fake, { timeoutMs }) });
}


describe('X through the running app: poll → analyze → inbox → reply', () => {
  let fake: FakeXServer;
  let app: TestApp;
  let stream: Stream;
  const yielded: string[] = [];

  const stored = async () => app.db.selectFrom('mentions').selectAll().where('platform', '=', 'x').execute();
  const streamRow = async () => app.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    fake = await startFakeX();
    app = await startTestApp({ demo: 'off', adapters: () => [countingAdapter(xAdapter(fake), yielded)] });
    const brand = await ensureBrand(app.db, 'Acme Air');
    stream = await insertStream(app.db, {
      brandId: brand.id,
      platform: 'x',
      name: 'acme on x',
      query: { keywords: ['acme', 'acme air'], exclude: ['hiring'] },
      pollIntervalMs: 1_000,
    });
  });
  afterAll(async () => {
    await app?.stop();
    const violations = fake ? contractViolations(fake) : [];
    await fake?.close();
    expect(violations).toEqual([]);
  });

  it('stores each mention once, with its author and context, across pages and polls', async () => {
    fake.addUser({ username: 'jo_travels', name: 'Jo T', followers: 321 });
    const complaint = fake.addPost({ author: 'jo_travels', text: '@AcmeAir my bag is lost & nobody answers' });
    const answer = fake.addPost({ author: 'AcmeAir', text: 'So sorry! Please DM us your acme booking code.', replyTo: complaint.id });
    const followUp = fake.addPost({ author: 'jo_travels', text: '@AcmeAir done, still waiting', replyTo: answer.id });
    const searched = fake.addPost({ author: 'mia', text: 'acme air lounge is lovely today' });

    const first = await waitFor('the first mentions', async () => {
      const rows = await stored();
      return rows.length >= 3 ? rows : undefined;
    });
    expect(first.map((m) => m.external_id).sort()).toEqual([complaint.id, followUp.id, searched.id].sort());
    expect(first.find((m) => m.external_id === followUp.id)).toMatchObject({
      author_handle: 'jo_travels',
      author_name: 'Jo T',
      author_followers: 321,
      text: '@AcmeAir done, still waiting',
      url: `https://x.com/jo_travels/status/${followUp.id}`,
      context_external_id: answer.id,
      context_author_handle: 'AcmeAir',
      context_text: 'So sorry! Please DM us your acme booking code.',
      stream_id: stream.id,
    });
    expect(first.find((m) => m.external_id === complaint.id)!.text).toBe('@AcmeAir my bag is lost & nobody answers');

    // More arrive over time, served two or three to a page.
    fake.splitPages('mentions', Array.from({ length: 200 }, () => 2));
    fake.splitPages('search', Array.from({ length: 200 }, () => 3));
    const later: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) later.push(fake.addPost({ author: `fan${round}${i}`, text: `@AcmeAir delayed again ${round}.${i}` }).id);
      for (let i = 0; i < 4; i++) later.push(fake.addPost({ author: `flyer${round}${i}`, text: `acme air boarding now ${round}.${i}` }).id);
      fake.addPost({ author: 'recruiter', text: `acme is hiring ${round}` });
      await waitForPolls(app.db, stream.id, 1); // the next round arrives after a whole poll
    }
    const all = [complaint.id, followUp.id, searched.id, ...later];
    await waitFor('every mention stored', async () => ((await stored()).length === all.length ? true : undefined));
    await waitForPolls(app.db, stream.id, 2); // a few more polls find nothing new
    const rows = await stored();
    expect(rows.map((m) => m.external_id).sort()).toEqual([...all].sort());
    // The adapter handed each over exactly once: no re-reads reached the analyze stage.
    expect([...yielded].sort()).toEqual([...all].sort());
    expect((await streamRow()).last_error).toBeNull();
    expect(fake.requests.some((r) => r.query.includes('pagination_token='))).toBe(true);
    expect(fake.requests.some((r) => r.query.includes('next_token='))).toBe(true);
  });

  it('waits out a 429 storm, loses nothing, and catches up', async () => {
    const before = (await stored()).length;
    const requestsBefore = fake.requests.length;
    const resetAt = new Date(Math.ceil((Date.now() + 4_000) / 1000) * 1000);
    fake.inject({ kind: 'rate-limited', resetAt }, { route: 'mentions' });
    const during = Array.from({ length: 5 }, (_, i) => fake.addPost({ author: `storm${i}`, text: `@AcmeAir storm ${i}, still waiting` }).id);

    const limited = await waitFor('the stream to be marked rate limited', async () => {
      const s = await streamRow();
      return s.rate_limited_until ? s : undefined;
    });
    expect(limited.last_error).toBe(`Rate limited by x until ${resetAt.toISOString()}; polling resumes then.`);
    expect(limited.rate_limited_until!.toISOString()).toBe(resetAt.toISOString());
    expect((await stored()).length).toBe(before);

    await waitFor('the stream to catch up after the reset', async () => ((await stored()).length === before + during.length ? true : undefined), 20_000);
    const ids = (await stored()).map((m) => m.external_id);
    for (const id of during) expect(ids.filter((x) => x === id)).toHaveLength(1);
    // It waited rather than hammering: one 429 told it when to come back.
    const limitedAnswers = fake.exchanges.filter((e) => e.status === 429);
    expect(limitedAnswers.length).toBeGreaterThanOrEqual(1);
    expect(limitedAnswers.length).toBeLessThanOrEqual(2);
    const earlyTries = fake.requests.slice(requestsBefore).filter((r) => r.route === 'mentions');
    expect(earlyTries.length).toBeGreaterThan(1); // it did come back
    const healed = await waitFor('the stream to be healthy again', async () => {
      const s = await streamRow();
      return s.last_error === null ? s : undefined;
    });
    expect(healed.cursor).not.toBe(limited.cursor);
  });

  it('posts a reply whose answer was lost exactly once: unknown, then found by the retry', async () => {
    const mention = (await stored()).find((m) => m.context_external_id === null && fake.repliesTo(m.external_id).length === 0)!;
    fake.inject({ kind: 'drop-response', mode: 'reset' }, { route: 'createPost' });
    const text = 'Sorry about this! Please DM us your booking reference & we will sort it.';
    const { reply } = await insertReply(app.db, { mentionId: mention.id, userId: null, text, idempotencyKey: 'x-pipeline-lost-1' });
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
    const posted = fake.repliesTo(mention.external_id);
    expect(posted).toHaveLength(1);
    expect(sent).toMatchObject({ external_id: posted[0]!.id, url: `https://x.com/AcmeAir/status/${posted[0]!.id}` });
    await waitForQueueIdle(app.bus, 'publishReply'); // no retry is waiting to post it again
    expect(fake.repliesTo(mention.external_id)).toHaveLength(1);
    expect(fake.received.filter((r) => JSON.stringify(r.body).includes(mention.external_id))).toHaveLength(1);
  });

  it('gives up on a reply to a post deleted meanwhile, once, saying why', async () => {
    const mention = (await stored()).find((m) => m.context_external_id === null && m.status !== 'answered')!;
    fake.deletePost(mention.external_id);
    const { reply } = await insertReply(app.db, { mentionId: mention.id, userId: null, text: 'Hello again!', idempotencyKey: 'x-pipeline-deleted-1' });
    await app.bus.enqueue('publishReply', { replyId: reply.id });
    const failed = await waitFor('the reply to fail', async () => {
      const r = await findReplyById(app.db, reply.id);
      return r?.state === 'failed' ? r : undefined;
    });
    expect(failed.error).toMatch(/deleted or is no longer visible on X/);
    await waitForQueueIdle(app.bus, 'publishReply'); // no retry comes: none is waiting, delayed or running
    expect(fake.received.filter((r) => JSON.stringify(r.body).includes(mention.external_id))).toHaveLength(1);
  });
});

describe('X polling and publishing through the job handlers', () => {
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
    await fake.close();
    await runtime.bus.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
    expect(violations).toEqual([]);
  });

  const analyzeQueued = async () => {
    for (const page of await t.db.selectFrom('collected_pages').select('id').orderBy('created_at').execute()) {
      await handleAnalyzeMentions(runtime, { pageId: page.id });
    }
  };

  it('a malformed page leaves a clear error, does not move the cursor and touches no stored mention', async () => {
    const brand = await ensureBrand(t.db, 'Acme Air');
    const stream = await insertStream(t.db, { brandId: brand.id, platform: 'x', name: 's', query: { keywords: ['acme'], includeMentions: false } });
    const deps = { runtime, adapters: createAdapterRegistry([xAdapter(fake)]) };
    const early = [fake.addPost({ author: 'jo', text: 'acme lost my bag' }), fake.addPost({ author: 'mia', text: 'acme was late' })];
    expect(await handlePollStream(deps, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 2 });
    await analyzeQueued();
    const snapshot = async () => t.db.selectFrom('mentions').selectAll().where('external_id', 'in', early.map((p) => p.id)).orderBy('external_id').execute();
    const storedBefore = await snapshot();
    expect(storedBefore).toHaveLength(2);
    const cursorBefore = (await t.db.selectFrom('streams').select('cursor').where('id', '=', stream.id).executeTakeFirstOrThrow()).cursor;

    const newer = Array.from({ length: 6 }, (_, i) => fake.addPost({ author: `p${i}`, text: `acme update ${i}` }));
    const expectFailure = async (message: RegExp) => {
      const outcome = await handlePollStream(deps, { streamId: stream.id });
      expect(outcome).toMatchObject({ status: 'failed' });
      const row = await t.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
      expect(row.last_error).toMatch(message);
      expect(row.last_error).toMatch(/Nothing from that page was stored; the next poll reads it again\.$/);
      expect(row.cursor).toBe(cursorBefore);
    };

    // The very first page is not X's shape: nothing at all is handed over.
    fake.inject({ kind: 'body', body: WRONG_SHAPE_PAGE }, { route: 'search' });
    await expectFailure(/^X sent a malformed page of recent search: data\.0\.id: /);
    expect(await t.db.selectFrom('collected_pages').select('id').execute()).toHaveLength(0);

    // A later page is cut off: the good page before it is handed over, the cursor stays.
    fake.splitPages('search', [3, 3]);
    fake.inject({ kind: 'malformed-json' }, { route: 'search', skip: 1 });
    await expectFailure(/^X sent a malformed page of recent search: the body is not valid JSON \(HTTP 200\)\./);
    const partial = await t.db.selectFrom('collected_pages').select('mentions').execute();
    expect(partial).toHaveLength(1);
    expect((partial[0]!.mentions as CollectedMention[]).map((m) => m.externalId)).toEqual(newer.slice(3).map((p) => p.id).reverse());
    await analyzeQueued();
    expect(await snapshot()).toEqual(storedBefore);

    // The next poll reads from the old cursor again; the re-read page is dropped as already stored.
    expect(await handlePollStream(deps, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 6 });
    await analyzeQueued();
    const all = await t.db.selectFrom('mentions').select('external_id').execute();
    expect(all.map((m) => m.external_id).sort()).toEqual([...early, ...newer].map((p) => p.id).sort());
    expect(await snapshot()).toEqual(storedBefore);
    const healed = await t.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(healed.last_error).toBeNull();
    expect(healed.cursor).not.toBe(cursorBefore);
  });

  it('a publisher killed after X stored its reply: the reply ends unknown, the check finds it, nothing is posted twice', async () => {
    const brand = await ensureBrand(t.db, 'Acme Air');
    const stream = await insertStream(t.db, { brandId: brand.id, platform: 'x', name: 's', query: { includeSearch: false } });
    const post = fake.addPost({ author: 'jo', text: '@AcmeAir cancelled my flight, no rebooking' });
    const live = { runtime, adapters: createAdapterRegistry([xAdapter(fake)]) };
    expect(await handlePollStream(live, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 1 });
    await analyzeQueued();
    const mention = await t.db.selectFrom('mentions').selectAll().executeTakeFirstOrThrow();
    const text = 'So sorry, Jo. DM us & we will rebook you: https://acme.example.com/rebook';
    const { reply } = await insertReply(t.db, { mentionId: mention.id, userId: null, text, idempotencyKey: 'x-killed-1' });

    // A publisher process sends; X stores the reply; the answer never comes; the process is killed.
    fake.inject({ kind: 'drop-response', mode: 'hang' }, { route: 'createPost' });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../fakes/x/publish-child.ts', import.meta.url)), fake.url, t.schema, prefix, reply.id],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    await waitFor(`the reply to exist on X (child said: ${output})`, async () => fake.received[0]?.createdId ?? undefined, 90_000); // a child starting tsx on a loaded machine
    expect((await findReplyById(t.db, reply.id))?.state).toBe('sending');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('outcome:');

    // The job comes back to another publisher. X's timeline is unavailable at first: the reply
    // is left `unknown`, never re-sent.
    fake.inject({ kind: 'status', status: 503 }, { route: 'userTweets' });
    await expect(handlePublishReply(live, { replyId: reply.id })).rejects.toMatchObject({ retryable: true });
    expect(await findReplyById(t.db, reply.id)).toMatchObject({ state: 'unknown' });
    expect(fake.received).toHaveLength(1);

    // The next attempt asks X, finds the reply, and records it.
    expect(await handlePublishReply(live, { replyId: reply.id })).toBe('found-after-interruption');
    const posted = fake.repliesTo(post.id);
    expect(posted).toHaveLength(1);
    expect(await findReplyById(t.db, reply.id)).toMatchObject({
      state: 'sent',
      external_id: posted[0]!.id,
      url: `https://x.com/AcmeAir/status/${posted[0]!.id}`,
    });
    const answered = await t.db.selectFrom('mentions').select('status').where('id', '=', mention.id).executeTakeFirstOrThrow();
    expect(answered.status).toBe('answered');
    expect(await handlePublishReply(live, { replyId: reply.id })).toBe('already-done');
    expect(fake.received).toHaveLength(1);
  });
});
