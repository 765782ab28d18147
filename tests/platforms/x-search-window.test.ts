import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdapterRegistry, createXAdapter, handlePollStream, XQuerySchema, type PlatformAdapter, type PollResult, type XAdapterOptions, type XQuery } from '@earshot/collectors';
import { ensureBrand, insertStream, JobBus, silentLogger, type CollectedMention, type Runtime } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { snowflakeAt, startFakeX, type FakeXServer } from '../fakes/x/fake-x-server.ts';
import { createFakeXClient } from '../fakes/x/fake-x-client.ts';
import { contractViolations } from '../contracts/x/check-exchanges.ts';

/**
 * Recent search keeps seven days and X refuses a `since_id` older than that. A stream whose
 * position fell out of the window (quiet for a week, collectors down for a week) must resume
 * inside the window, say what it could not read, and never fail for good on its own cursor.
 */

const DAY = 24 * 3600_000;
const searchOnly = XQuerySchema.parse({ keywords: ['acme'], includeMentions: false });

async function drain(adapter: PlatformAdapter<XQuery>, cursor: string | null, readBudget: number | null = null) {
  const pages: CollectedMention[][] = [];
  const iterator = adapter.poll({ query: searchOnly, cursor, readBudget, signal: new AbortController().signal });
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { mentions: pages.flat(), result: step.value as PollResult };
    pages.push(step.value);
  }
}

const searchCursor = (position: object) => JSON.stringify({ v: 1, search: position });
const ids = (mentions: CollectedMention[]) => mentions.map((m) => m.externalId).sort();
const sentParams = (fake: FakeXServer, from: number) =>
  fake.requests.slice(from).filter((r) => r.route === 'search').map((r) => new URLSearchParams(r.query));

describe('X recent search: a position older than the seven days X keeps', () => {
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

  it('a stream quiet for 8 days resumes from start_time inside the window and says what it missed', async () => {
    // The last post the stream read is 8 days old; posts since then, some out of reach.
    const lastRead = fake.addPost({ author: 'jo', text: 'acme, long ago', at: new Date(clock - 8 * DAY) });
    fake.addPost({ author: 'jo', text: 'acme, seven and a half days ago', at: new Date(clock - 7.5 * DAY) });
    const inWindow = [
      fake.addPost({ author: 'mia', text: 'acme six days ago', at: new Date(clock - 6 * DAY) }),
      fake.addPost({ author: 'mia', text: 'acme yesterday', at: new Date(clock - DAY) }),
      fake.addPost({ author: 'mia', text: 'acme today' }),
    ];
    const x = adapter();
    const before = fake.requests.length;

    const polled = await drain(x, searchCursor({ since: lastRead.id }));

    expect(ids(polled.mentions)).toEqual(inWindow.map((p) => p.id).sort());
    // It asked by time, never with the stale id (X would refuse it) and never with both.
    const sent = sentParams(fake, before);
    expect(sent.every((q) => !q.has('since_id') && !q.has('until_id'))).toBe(true);
    const startTime = Date.parse(sent[0]!.get('start_time')!);
    expect(startTime).toBeGreaterThan(clock - 7 * DAY);
    expect(startTime).toBeLessThanOrEqual(clock - 7 * DAY + 10 * 60_000);
    expect(fake.exchanges.filter((e) => e.status === 400)).toEqual([]);
    // The health note names the hole: from the old position to where reading resumed.
    expect(polled.result.notice).toMatch(/recent search keeps only the last 7 days/);
    expect(polled.result.notice).toContain(`from ${new Date(clock - 8 * DAY).toISOString().slice(0, 19)}Z`);
    expect(polled.result.notice).toContain(`to ${new Date(startTime).toISOString().slice(0, 19)}Z`);
    // The new position is an id again, the newest read.
    expect(JSON.parse(polled.result.cursor!)).toEqual({ v: 1, search: { since: inWindow[2]!.id } });

    // The next poll is an ordinary one: since_id, no note.
    const later = fake.addPost({ author: 'jo', text: 'acme again' });
    const next = await drain(x, polled.result.cursor);
    expect(ids(next.mentions)).toEqual([later.id]);
    expect(next.result.notice).toBeUndefined();
    expect(sentParams(fake, before).at(-1)!.get('since_id')).toBe(inWindow[2]!.id);
  });

  it('a quiet stream with nothing in the window keeps a time position, and never gets stuck', async () => {
    const lastRead = fake.addPost({ author: 'jo', text: 'acme, long ago', at: new Date(clock - 9 * DAY) });
    const x = adapter();
    const first = await drain(x, searchCursor({ since: lastRead.id }));
    expect(first.mentions).toEqual([]);
    const position = JSON.parse(first.result.cursor!).search;
    expect(position.since).toBeNull();
    expect(Date.parse(position.after)).toBeGreaterThan(clock - 7 * DAY);
    expect(first.result.notice).toMatch(/could not be read/);

    // Three more quiet days: the time position itself ages past the window, and moves again.
    clock += 3 * DAY;
    const fresh = fake.addPost({ author: 'mia', text: 'acme at last' });
    const second = await drain(x, first.result.cursor);
    expect(ids(second.mentions)).toEqual([fresh.id]);
    expect(second.result.notice).toMatch(/could not be read/);
    expect(JSON.parse(second.result.cursor!)).toEqual({ v: 1, search: { since: fresh.id } });
  });

  it('collectors down for a week: a poll cut short before the outage resumes inside the window', async () => {
    const old = Array.from({ length: 30 }, (_, i) => fake.addPost({ author: `p${i}`, text: `acme number ${i}` }));
    const x = adapter();
    const first = await drain(x, null);
    // A budget-limited poll leaves a gap (newest read, older not yet).
    for (let i = 0; i < 30; i++) fake.addPost({ author: `q${i}`, text: `acme later ${i}` });
    const cut = await drain(x, first.result.cursor, 10);
    expect(JSON.parse(cut.result.cursor!).search.gap).toBeDefined();

    clock += 8 * DAY; // the collectors were down
    const back = Array.from({ length: 3 }, (_, i) => fake.addPost({ author: `r${i}`, text: `acme we are back ${i}` }));
    const polled = await drain(x, cut.result.cursor);
    expect(ids(polled.mentions)).toEqual(back.map((p) => p.id).sort());
    expect(polled.result.notice).toMatch(/could not be read/);
    expect(JSON.parse(polled.result.cursor!)).toEqual({ v: 1, search: { since: back[2]!.id } });
    expect(old).toHaveLength(30);
    expect(fake.exchanges.filter((e) => e.status === 400)).toEqual([]);
  });

  it('a gap still inside the window is read by time, without re-reading what was read', async () => {
    const lastRead = fake.addPost({ author: 'jo', text: 'acme, long ago', at: new Date(clock - 8 * DAY) });
    const unread = Array.from({ length: 15 }, (_, i) => fake.addPost({ author: `u${i}`, text: `acme unread ${i}`, at: new Date(clock - 2 * DAY + i * 60_000) }));
    const read = Array.from({ length: 5 }, (_, i) => fake.addPost({ author: `v${i}`, text: `acme read ${i}`, at: new Date(clock - DAY + i * 60_000) }));
    const x = adapter();
    fake.splitPages('search', [10, 10]);
    const polled = await drain(x, searchCursor({ since: lastRead.id, gap: { until: read[0]!.id, newest: read[4]!.id } }));
    expect(ids(polled.mentions)).toEqual(unread.map((p) => p.id).sort());
    const sent = sentParams(fake, 0);
    expect(sent[0]!.has('end_time')).toBe(true);
    expect(sent.every((q) => !q.has('since_id') || !q.has('start_time'))).toBe(true);
    expect(polled.result.notice).toMatch(/could not be read/);
    expect(JSON.parse(polled.result.cursor!)).toEqual({ v: 1, search: { since: read[4]!.id } });
  });

  it('a gap read by time misses nothing in the same second as its upper end (X takes whole seconds)', async () => {
    const lastRead = fake.addPost({ author: 'jo', text: 'acme, long ago', at: new Date(clock - 8 * DAY) });
    const second = Math.floor((clock - DAY) / 1000) * 1000;
    const sameSecond = fake.addPost({ author: 'u', text: 'acme unread, same second', at: new Date(second + 100) });
    const until = fake.addPost({ author: 'v', text: 'acme read, oldest of the gap', at: new Date(second + 500) });
    const newest = fake.addPost({ author: 'w', text: 'acme read, newest of the gap', at: new Date(second + 900) });
    const x = adapter();
    const polled = await drain(x, searchCursor({ since: lastRead.id, gap: { until: until.id, newest: newest.id } }));
    expect(ids(polled.mentions)).toEqual([sameSecond.id]);
    expect(Date.parse(sentParams(fake, 0)[0]!.get('end_time')!)).toBe(second + 1000);
  });

  it('when X refuses a position this clock took for fresh, it moves further in rather than failing', async () => {
    // This machine's clock is 30 minutes behind X's: the position looks 7 days minus 25 minutes old here.
    const x = adapter({ now: () => clock - 30 * 60_000 });
    const stale = snowflakeAt(clock - 7 * DAY - 5 * 60_000);
    const fresh = fake.addPost({ author: 'mia', text: 'acme now' });
    const polled = await drain(x, searchCursor({ since: stale }));
    expect(ids(polled.mentions)).toEqual([fresh.id]);
    // X said so once (400 on since_id), then the time inside the window was accepted.
    expect(fake.exchanges.filter((e) => e.status === 400).map((e) => e.body)).toEqual([expect.stringContaining("'since_id' must be a tweet id created after")]);
    expect(polled.result.notice).toMatch(/could not be read/);
    // One note, from the try that worked.
    expect(polled.result.notice!.match(/could not be read/g)).toHaveLength(1);
  });
});

describe('the stream shows what could not be read', () => {
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

  it('a poll from an 8-day-old cursor succeeds, moves on, and leaves a note in the stream health until there is news', async () => {
    const brand = await ensureBrand(t.db, 'Acme Air');
    const stream = await insertStream(t.db, { brandId: brand.id, platform: 'x', name: 's', query: { keywords: ['acme'], includeMentions: false } });
    const old = fake.addPost({ author: 'jo', text: 'acme long ago', at: new Date(Date.now() - 8 * DAY) });
    const recent = fake.addPost({ author: 'mia', text: 'acme recently' });
    await t.db.updateTable('streams').set({ cursor: searchCursor({ since: old.id }) }).where('id', '=', stream.id).execute();
    const deps = { runtime, adapters: createAdapterRegistry([createXAdapter({ client: createFakeXClient(fake) })]) };

    expect(await handlePollStream(deps, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 1 });
    const row = await t.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(row.last_error).toBeNull();
    expect(row.failing_since).toBeNull();
    expect(row.last_notice).toMatch(/^X's recent search keeps only the last 7 days .* could not be read and are missing \(X no longer serves them\)\./);
    expect(row.last_notice_at).not.toBeNull();
    expect(JSON.parse(row.cursor!)).toEqual({ v: 1, search: { since: recent.id } });

    // Later ordinary polls keep the note (it stays true) and keep working.
    const later = fake.addPost({ author: 'jo', text: 'acme again' });
    expect(await handlePollStream(deps, { streamId: stream.id })).toMatchObject({ status: 'polled', fetched: 1 });
    const after = await t.db.selectFrom('streams').selectAll().where('id', '=', stream.id).executeTakeFirstOrThrow();
    expect(after.last_notice).toBe(row.last_notice);
    expect(JSON.parse(after.cursor!)).toEqual({ v: 1, search: { since: later.id } });
  });
});
