import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, ensureBrand, insertCollectedPage, insertStream, JobBus, migrateToLatest, silentLogger, type CollectedMention, type Database, type Runtime } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { correctMention, handleAnalyzeMentions } from '@earshot/worker';
import { createTestDatabase } from '../support/child-earshot.ts';
import { runEarshot as earshot } from '../support/run-cli.ts';
import { KNOWN_SAMPLE } from '../support/known-mentions.ts';


/** Every rollup row of both tables, in a stable order, comparable across runs. */
async function rollups(db: Database): Promise<string[]> {
  const rows = await sql<Record<string, unknown>>`
    select 'minute' as grain, * from rollup_minutes
    union all
    select 'hour', * from rollup_hours
    order by grain, brand_id, bucket, platform, stream_id nulls first`.execute(db);
  return rows.rows.map((r) => JSON.stringify({ ...r, bucket: (r.bucket as Date).toISOString() }));
}

function page(prefix: string, startMs: number, count: number, stepMs: number): CollectedMention[] {
  return Array.from({ length: count }, (_, i) => {
    const sample = KNOWN_SAMPLE[i % KNOWN_SAMPLE.length]!;
    return {
      externalId: `${prefix}-${i}`,
      url: null,
      text: sample.text,
      lang: 'en',
      postedAt: new Date(startMs + i * stepMs).toISOString(),
      author: { externalId: null, handle: `author${i % 7}`, name: null, followers: 10, verified: false },
      context: null,
    };
  });
}

describe('rollups: the live path against a rebuild from mentions, and `earshot rollups rebuild`', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let runtime: Runtime;
  let env: Record<string, string>;
  const prefix = testPrefix();
  const day1 = Date.UTC(2026, 10, 20);
  const day2 = Date.UTC(2026, 10, 21);
  let acme: { id: string };
  let zeta: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
    db = createDb({ url: database.url, max: 5 });
    await migrateToLatest(db);
    runtime = { db, bus: new JobBus({ redisUrl: testRedisUrl, prefix }), logger: silentLogger };
  });
  afterAll(async () => {
    await runtime.bus.close();
    await db.destroy();
    await database.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  });

  it('analyze jobs and agents\' corrections leave exactly the rows a rebuild from mentions gives', async () => {
    acme = await ensureBrand(db, 'Acme Air');
    zeta = await ensureBrand(db, 'Zeta Rail');
    const stream = await insertStream(db, { brandId: acme.id, platform: 'demo', name: 'acme', query: { startedAt: new Date(day1).toISOString(), perMinute: 1, backlog: 0 } });
    const pages = [
      // Across the UTC midnight between day 1 and day 2, 37 s apart so minutes hold 1 or 2.
      await insertCollectedPage(db, { brandId: acme.id, streamId: stream.id, platform: 'demo', mentions: page('a', day2 - 30 * 60_000, 80, 37_000) }),
      // Overlaps the first page (a re-read): the duplicates must not be counted twice.
      await insertCollectedPage(db, { brandId: acme.id, streamId: stream.id, platform: 'demo', mentions: page('a', day2 - 30 * 60_000, 40, 37_000) }),
      await insertCollectedPage(db, { brandId: acme.id, streamId: null, platform: 'x', mentions: page('ax', day1 + 8 * 3_600_000, 25, 61_000) }),
      await insertCollectedPage(db, { brandId: zeta.id, streamId: null, platform: 'demo', mentions: page('z', day2 + 3_600_000, 30, 20_000) }),
    ];
    // Side by side, as a worker with concurrency does.
    const outcomes = await Promise.all(pages.map((pageId) => handleAnalyzeMentions(runtime, { pageId })));
    expect(outcomes.reduce((n, o) => n + o.inserted.length, 0)).toBe(80 + 25 + 30);

    const stored = await db.selectFrom('mentions').select(['id', 'sentiment', 'intent']).where('brand_id', '=', acme.id).orderBy('external_id').execute();
    // The analysis gave more than one label, so corrections below move real counts.
    expect(new Set(stored.map((m) => m.sentiment)).size).toBeGreaterThan(1);
    for (const [i, m] of stored.slice(0, 12).entries()) {
      const field = (['sentiment', 'intent', 'priority'] as const)[i % 3]!;
      const value = field === 'sentiment' ? (m.sentiment === 'positive' ? 'negative' : 'positive') : field === 'intent' ? (m.intent === 'praise' ? 'complaint' : 'praise') : 1;
      await correctMention(db, { mentionId: m.id, userId: null, field, value });
    }
    // And one corrected back and forth.
    await correctMention(db, { mentionId: stored[20]!.id, userId: null, field: 'intent', value: 'spam' });
    await correctMention(db, { mentionId: stored[20]!.id, userId: null, field: 'intent', value: 'question' });

    const live = await rollups(db);
    const counted = await db.selectFrom('rollup_minutes').select((eb) => eb.fn.sum<number>('total').as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(135);

    // From nothing: the rebuild must recount every row, not find them already there.
    await db.deleteFrom('rollup_minutes').execute();
    await db.deleteFrom('rollup_hours').execute();
    const rebuilt = await earshot(['rollups', 'rebuild'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toBe('Rebuilt the rollups of 2 brands over 3 brand-days: 135 mentions counted.\n');
    // Not a terminal: one line per brand-day, no progress bar.
    expect(rebuilt.stderr.trim().split('\n')).toHaveLength(3);
    expect(rebuilt.stderr).toMatch(/^rollups rebuild 1\/3: Acme Air 2026-11-20: \d+ mentions, \d+ minute rows, \d+ hour rows$/m);
    expect(rebuilt.stderr).not.toContain('\r');
    expect(await rollups(db)).toEqual(live);
  });

  it('a rebuild of one brand and day repairs that day and leaves other days and brands untouched', async () => {
    const live = await rollups(db);
    // Damage everything, then repair only Acme's 21 November.
    await db.updateTable('rollup_minutes').set({ total: sql`total + 1000`, neutral: sql`neutral + 1000` }).execute();
    await db.updateTable('rollup_hours').set({ total: sql`total + 1000`, neutral: sql`neutral + 1000` }).execute();
    const damaged = await rollups(db);

    const r = await earshot(['rollups', 'rebuild', '--brand', 'Acme Air', '--from', '2026-11-21', '--to', '2026-11-21'], env);
    expect(r.stderr).toMatch(/^rollups rebuild 1\/1: Acme Air 2026-11-21: /);
    expect(r.code).toBe(0);

    const after = await rollups(db);
    const isAcmeDay2 = (row: string) => row.includes(`"brand_id":"${acme.id}"`) && row.includes('"bucket":"2026-11-21');
    expect(after.filter(isAcmeDay2)).toEqual(live.filter(isAcmeDay2));
    expect(after.filter(isAcmeDay2).length).toBeGreaterThan(0);
    expect(after.filter((row) => !isAcmeDay2(row))).toEqual(damaged.filter((row) => !isAcmeDay2(row)));
    expect(after.filter((row) => !isAcmeDay2(row)).length).toBeGreaterThan(0);
  });

  it('bad arguments get one clear line and exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [['rollups'], /^Name a rollups command: earshot rollups rebuild /],
      [['rollups', 'recount'], /^Unknown rollups command "recount": earshot rollups rebuild /],
      [['rollups', 'rebuild', '--from', '2026-02-30'], /^--from must be a UTC date such as 2026-11-24, not "2026-02-30"\.$/],
      [['rollups', 'rebuild', '--to', 'yesterday'], /^--to must be a UTC date such as 2026-11-24, not "yesterday"\.$/],
      [['rollups', 'rebuild', '--from', '2026-11-21', '--to', '2026-11-20'], /^--to 2026-11-20 is before --from 2026-11-21\.$/],
      [['rollups', 'rebuild', '--brands', 'Acme'], /^Unknown option '--brands'\. Usage: earshot rollups rebuild /],
      [['rollups', 'rebuild', '--brand', 'Nope'], /^No brand named or with the id "Nope"; brands: Acme Air, Zeta Rail\.$/],
    ];
    const results = await Promise.all(cases.map(([args]) => earshot(args, env)));
    results.forEach((r, i) => {
      expect({ args: cases[i]![0], code: r.code, lines: r.stderr.trim().split('\n').length, stdout: r.stdout }).toEqual({ args: cases[i]![0], code: 1, lines: 1, stdout: '' });
      expect(r.stderr.trimEnd()).toMatch(cases[i]![1]);
    });
  });
});
