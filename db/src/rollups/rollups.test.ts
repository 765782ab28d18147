import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { createDb, quoteIdent } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';
import { createTestDb, testDatabaseUrl, type TestDb } from '../testing/test-db.ts';
import { buildMention } from '../testing/factories.ts';
import { updateMentionLabels } from '../corrections/update-mention-labels.ts';
import type { Intent, NewMention, Sentiment } from '../schema.ts';
import { insertMentionsCounted } from '../mentions/insert-mentions-counted.ts';
import { rebuildBrandRollups } from './rebuild-brand-rollups.ts';
import { lockBrandRollups } from './lock-brand-rollups.ts';
import { findRollupSpan } from './find-rollup-span.ts';
import { findRollupSeries } from './find-rollup-series.ts';
import { findRollupTotals } from './find-rollup-totals.ts';
import { listBrandMinuteCounts } from './list-brand-minute-counts.ts';
import type { Database } from '../client.ts';

type Row = Record<string, unknown>;

/** Every row of a rollup table, comparable across runs. */
async function snapshot(db: Database, table: 'rollup_minutes' | 'rollup_hours', brandId?: string): Promise<Row[]> {
  let q = db.selectFrom(table).selectAll();
  if (brandId) q = q.where('brand_id', '=', brandId);
  const rows = await q.orderBy('brand_id').orderBy('bucket').orderBy('platform').orderBy(sql`stream_id nulls first`).execute();
  return rows.map((r) => ({ ...r, bucket: r.bucket.toISOString() }));
}

/** Stores mentions the one way there is: insert and count in one statement. */
async function store(db: Database, rows: NewMention[]): Promise<string[]> {
  return (await insertMentionsCounted(db, rows)).map((r) => r.id);
}

const at = (iso: string) => new Date(iso);
const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];
const INTENTS: Intent[] = ['complaint', 'question', 'praise', 'other', 'spam'];

describe('rollups', () => {
  let t: TestDb;
  let acme: string;
  let zeta: string;
  let streamA: string;
  let streamB: string;

  beforeAll(async () => {
    t = await createTestDb();
    [acme, zeta] = (await t.db.insertInto('brands').values([{ name: 'Acme' }, { name: 'Zeta' }]).returning('id').execute()).map((r) => r.id) as [string, string];
    [streamA, streamB] = (
      await t.db
        .insertInto('streams')
        .values([
          { brand_id: acme, platform: 'demo', name: 'a', query: '{}' },
          { brand_id: acme, platform: 'x', name: 'b', query: '{}' },
        ])
        .returning('id')
        .execute()
    ).map((r) => r.id) as [string, string];
  });
  afterAll(async () => t.drop());

  it('counts each stored batch into minutes and hours, adding to rows other batches made (null stream included)', async () => {
    const minute = at('2026-11-24T10:15:30Z');
    await store(t.db, [
      buildMention(acme, { posted_at: minute, sentiment: 'negative', intent: 'complaint' }),
      buildMention(acme, { posted_at: at('2026-11-24T10:15:59.999Z'), sentiment: 'positive', intent: 'praise' }),
      buildMention(acme, { posted_at: at('2026-11-24T10:16:00Z'), sentiment: 'neutral', intent: 'question', stream_id: streamA }),
    ]);
    await store(t.db, [buildMention(acme, { posted_at: at('2026-11-24T10:15:01Z'), sentiment: 'negative', intent: 'spam' })]);

    const minutes = await snapshot(t.db, 'rollup_minutes', acme);
    expect(minutes).toEqual([
      { brand_id: acme, stream_id: null, platform: 'demo', bucket: '2026-11-24T10:15:00.000Z', total: 3, negative: 2, neutral: 0, positive: 1, complaint: 1, question: 0, praise: 1, other: 0, spam: 1 },
      { brand_id: acme, stream_id: streamA, platform: 'demo', bucket: '2026-11-24T10:16:00.000Z', total: 1, negative: 0, neutral: 1, positive: 0, complaint: 0, question: 1, praise: 0, other: 0, spam: 0 },
    ]);
    const hours = await snapshot(t.db, 'rollup_hours', acme);
    expect(hours.map((h) => [h.stream_id, h.bucket, h.total, h.negative])).toEqual([
      [null, '2026-11-24T10:00:00.000Z', 3, 2],
      [streamA, '2026-11-24T10:00:00.000Z', 1, 0],
    ]);
  });

  it('counts a mention stored twice once, and stores columns only some rows set with the others defaulted', async () => {
    const brand = (await t.db.insertInto('brands').values({ name: `Twice ${randomUUID()}` }).returning('id').executeTakeFirstOrThrow()).id;
    const first = buildMention(brand, { posted_at: at('2026-11-24T09:00:00Z') });
    const answered = buildMention(brand, { posted_at: at('2026-11-24T09:00:10Z'), status: 'answered', author_verified: true });
    expect(await store(t.db, [first, answered])).toHaveLength(2);
    // Again, in a caller's transaction holding the lock: the repeat is skipped and counted nowhere.
    const again = await t.db.transaction().execute(async (trx) => {
      await lockBrandRollups(trx, brand, 'shared');
      return insertMentionsCounted(trx, [first, buildMention(brand, { posted_at: at('2026-11-24T09:00:20Z') })]);
    });
    expect(again).toHaveLength(1);
    const stored = await t.db.selectFrom('mentions').select(['status', 'author_verified', 'is_spam']).where('brand_id', '=', brand).orderBy('posted_at').execute();
    expect(stored).toEqual([
      { status: 'open', author_verified: false, is_spam: false },
      { status: 'answered', author_verified: true, is_spam: false },
      { status: 'open', author_verified: false, is_spam: false },
    ]);
    expect((await snapshot(t.db, 'rollup_minutes', brand)).map((r) => r.total)).toEqual([3]);
  });

  it('moves counts when an agent changes sentiment or intent, so a rebuild gives the same rows', async () => {
    const [id] = await store(t.db, [buildMention(acme, { posted_at: at('2026-11-24T11:59:59Z'), sentiment: 'negative', intent: 'complaint', stream_id: streamB, platform: 'x' })]);
    // Outside any transaction: it opens its own.
    await updateMentionLabels(t.db, id!, { sentiment: 'positive' });
    await t.db.transaction().execute((trx) => updateMentionLabels(trx, id!, { intent: 'spam', is_spam: true }));
    // Changing priority only touches no rollup.
    await updateMentionLabels(t.db, id!, { priority: 4 });
    const row = await t.db.selectFrom('rollup_minutes').selectAll().where('stream_id', '=', streamB).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ total: 1, negative: 0, positive: 1, complaint: 0, spam: 1 });

    const live = [await snapshot(t.db, 'rollup_minutes'), await snapshot(t.db, 'rollup_hours')];
    await rebuildBrandRollups(t.db, acme, at('2026-11-24T00:00:00Z'), at('2026-11-25T00:00:00Z'));
    expect([await snapshot(t.db, 'rollup_minutes'), await snapshot(t.db, 'rollup_hours')]).toEqual(live);
  });

  it('agrees with a recount after many random batches and corrections in parallel', async () => {
    const brand = (await t.db.insertInto('brands').values({ name: `Random ${randomUUID()}` }).returning('id').executeTakeFirstOrThrow()).id;
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const batch = () =>
      Array.from({ length: 1 + rand(20) }, () =>
        buildMention(brand, {
          posted_at: new Date(Date.UTC(2026, 10, 20, 22) + rand(6 * 60) * 60_000 + rand(60_000)),
          sentiment: SENTIMENTS[rand(3)]!,
          intent: INTENTS[rand(5)]!,
          platform: rand(2) ? 'demo' : 'x',
          stream_id: rand(2) ? streamA : null,
        }),
      );
    const ids = (await Promise.all(Array.from({ length: 12 }, () => store(t.db, batch())))).flat();
    await Promise.all(ids.slice(0, 40).map((id, i) => updateMentionLabels(t.db, id, i % 2 ? { sentiment: SENTIMENTS[rand(3)]! } : { intent: INTENTS[rand(5)]! })));

    const live = [await snapshot(t.db, 'rollup_minutes', brand), await snapshot(t.db, 'rollup_hours', brand)];
    expect(live[0]!.reduce((n, r) => n + (r.total as number), 0)).toBe(ids.length);
    const span = await findRollupSpan(t.db, brand);
    expect(span?.first.toISOString().slice(0, 13)).toBe('2026-11-20T22');
    await rebuildBrandRollups(t.db, brand, at('2026-11-20T00:00:00Z'), at('2026-11-22T00:00:00Z'));
    expect([await snapshot(t.db, 'rollup_minutes', brand), await snapshot(t.db, 'rollup_hours', brand)]).toEqual(live);
  });

  it('a rebuild of part of the range repairs that part and leaves the rest and other brands alone', async () => {
    const brand = (await t.db.insertInto('brands').values({ name: `Partial ${randomUUID()}` }).returning('id').executeTakeFirstOrThrow()).id;
    await store(t.db, [
      buildMention(brand, { posted_at: at('2026-11-10T08:00:00Z') }),
      buildMention(brand, { posted_at: at('2026-11-11T08:00:00Z') }),
      buildMention(brand, { posted_at: at('2026-11-12T08:00:00Z') }),
    ]);
    await store(t.db, [buildMention(zeta, { posted_at: at('2026-11-11T08:00:00Z') })]);
    // Damage every day of both brands, then rebuild only the 11th of one.
    await t.db.updateTable('rollup_minutes').set({ total: 99, negative: 99 }).where('brand_id', 'in', [brand, zeta]).execute();
    await t.db.updateTable('rollup_hours').set({ total: 99, negative: 99 }).where('brand_id', 'in', [brand, zeta]).execute();
    const outcome = await rebuildBrandRollups(t.db, brand, at('2026-11-11T00:00:00Z'), at('2026-11-12T00:00:00Z'));
    expect(outcome).toEqual({ mentions: 1, minutes: 1, hours: 1 });

    for (const table of ['rollup_minutes', 'rollup_hours'] as const) {
      const rows = await snapshot(t.db, table, brand);
      expect(rows.map((r) => [String(r.bucket).slice(0, 10), r.total])).toEqual([
        ['2026-11-10', 99],
        ['2026-11-11', 1],
        ['2026-11-12', 99],
      ]);
      expect((await snapshot(t.db, table, zeta)).map((r) => r.total)).toEqual([99]);
    }
    await expect(rebuildBrandRollups(t.db, brand, at('2026-11-11T00:30:00Z'), at('2026-11-12T00:00:00Z'))).rejects.toThrow(/whole UTC hours/);
  });

  it('reads a dense series at minute or hour step, filtered by stream or platform', async () => {
    const brand = (await t.db.insertInto('brands').values({ name: `Series ${randomUUID()}` }).returning('id').executeTakeFirstOrThrow()).id;
    await store(t.db, [
      buildMention(brand, { posted_at: at('2026-11-24T10:01:10Z'), stream_id: streamA }),
      buildMention(brand, { posted_at: at('2026-11-24T10:01:20Z'), platform: 'x', sentiment: 'positive', intent: 'praise' }),
      buildMention(brand, { posted_at: at('2026-11-24T10:03:00Z') }),
      buildMention(brand, { posted_at: at('2026-11-24T12:00:00Z') }),
    ]);
    const minutes = await findRollupSeries(t.db, brand, { step: 'minute', from: at('2026-11-24T10:00:30Z'), to: at('2026-11-24T10:04:00Z') });
    expect(minutes.map((p) => [p.bucket.toISOString().slice(11, 16), p.total, p.negative, p.positive])).toEqual([
      ['10:00', 0, 0, 0],
      ['10:01', 2, 1, 1],
      ['10:02', 0, 0, 0],
      ['10:03', 1, 1, 0],
    ]);
    const onX = await findRollupSeries(t.db, brand, { step: 'minute', from: at('2026-11-24T10:01:00Z'), to: at('2026-11-24T10:02:00Z'), platform: 'x' });
    expect(onX.map((p) => [p.total, p.praise])).toEqual([[1, 1]]);
    const noStream = await findRollupSeries(t.db, brand, { step: 'minute', from: at('2026-11-24T10:01:00Z'), to: at('2026-11-24T10:02:00Z'), streamId: null });
    expect(noStream.map((p) => p.total)).toEqual([1]);
    const hours = await findRollupSeries(t.db, brand, { step: 'hour', from: at('2026-11-24T10:00:00Z'), to: at('2026-11-24T12:00:01Z') });
    expect(hours.map((p) => [p.bucket.toISOString().slice(11, 13), p.total])).toEqual([
      ['10', 3],
      ['11', 0],
      ['12', 1],
    ]);
    await expect(findRollupSeries(t.db, brand, { step: 'minute', from: at('2026-01-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') })).rejects.toThrow(/at most/);
  });

  it('totals by local day across a DST change, by platform and by stream, exact at ragged edges', async () => {
    const brand = (await t.db.insertInto('brands').values({ name: `Totals ${randomUUID()}` }).returning('id').executeTakeFirstOrThrow()).id;
    // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 local (01:00 UTC).
    await store(t.db, [
      buildMention(brand, { posted_at: at('2026-10-24T21:59:00Z') }), // 23:59 local, the 24th (UTC+2)
      buildMention(brand, { posted_at: at('2026-10-24T22:00:00Z'), platform: 'x' }), // 00:00, the 25th
      buildMention(brand, { posted_at: at('2026-10-25T22:59:00Z'), stream_id: streamA }), // 23:59, the 25th (UTC+1)
      buildMention(brand, { posted_at: at('2026-10-25T23:00:00Z'), sentiment: 'positive', intent: 'praise' }), // 00:00, the 26th
      buildMention(brand, { posted_at: at('2026-10-26T05:30:00Z') }), // the 26th, cut by the range end below
    ]);
    const range = { from: at('2026-10-24T00:00:00Z'), to: at('2026-10-26T05:30:00Z') };
    const days = await findRollupTotals(t.db, brand, { ...range, groupBy: 'day', timeZone: 'Europe/Berlin' });
    expect(days.map((d) => [d.key, d.total, d.positive])).toEqual([
      ['2026-10-24', 1, 0],
      ['2026-10-25', 2, 0],
      ['2026-10-26', 1, 1],
    ]);
    const utcDays = await findRollupTotals(t.db, brand, { ...range, groupBy: 'day' });
    expect(utcDays.map((d) => [d.key, d.total])).toEqual([
      ['2026-10-24', 2],
      ['2026-10-25', 2],
    ]);
    const platforms = await findRollupTotals(t.db, brand, { ...range, groupBy: 'platform' });
    expect(platforms.map((d) => [d.key, d.total])).toEqual([
      ['demo', 3],
      ['x', 1],
    ]);
    const streams = await findRollupTotals(t.db, brand, { ...range, groupBy: 'stream' });
    expect(streams.map((d) => [d.key, d.total])).toEqual([
      [null, 3],
      [streamA, 1],
    ]);
    // A minute range inside one hour reads minutes only.
    const inside = await findRollupTotals(t.db, brand, { from: at('2026-10-25T22:30:00Z'), to: at('2026-10-25T23:00:00Z'), groupBy: 'platform' });
    expect(inside.map((d) => [d.key, d.total])).toEqual([['demo', 1]]);
    // Kolkata is UTC+5:30: its midnights are half past the UTC hour, read from minutes at the edges.
    const kolkata = await findRollupTotals(t.db, brand, { from: at('2026-10-25T18:30:00Z'), to: at('2026-10-26T18:30:00Z'), groupBy: 'day', timeZone: 'Asia/Kolkata' });
    expect(kolkata.map((d) => [d.key, d.total])).toEqual([['2026-10-26', 3]]);
    await expect(findRollupTotals(t.db, brand, { ...range, groupBy: 'day', timeZone: 'Mars/Olympus' })).rejects.toThrow(/Unknown time zone/);
  });

  it('lists every brand minute in a range in one query, sparse', async () => {
    const brands = (await t.db.insertInto('brands').values([{ name: `Tick ${randomUUID()}` }, { name: `Tick ${randomUUID()}` }]).returning('id').execute()).map((r) => r.id);
    await store(t.db, [
      buildMention(brands[0]!, { posted_at: at('2027-01-05T09:00:10Z') }),
      buildMention(brands[0]!, { posted_at: at('2027-01-05T09:00:20Z'), platform: 'x', intent: 'question' }),
      buildMention(brands[1]!, { posted_at: at('2027-01-05T09:02:00Z') }),
      buildMention(brands[1]!, { posted_at: at('2027-01-05T09:05:00Z') }),
    ]);
    const rows = await listBrandMinuteCounts(t.db, at('2027-01-05T09:00:00Z'), at('2027-01-05T09:05:00Z'));
    const expected = [
      { brand_id: brands[0], bucket: at('2027-01-05T09:00:00Z'), total: 2, negative: 2, complaint: 1, question: 1 },
      { brand_id: brands[1], bucket: at('2027-01-05T09:02:00Z'), total: 1, negative: 1, complaint: 1, question: 0 },
    ].sort((a, b) => a.brand_id!.localeCompare(b.brand_id!));
    expect(rows).toHaveLength(2);
    rows.forEach((r, i) => expect(r).toMatchObject(expected[i]!));
  });
});

describe('the rollups migration', () => {
  it('fills minutes and hours from the mentions already stored, as a rebuild would', async () => {
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    const db = createDb({ url: testDatabaseUrl, schema, max: 2 });
    try {
      await sql`create schema ${sql.raw(quoteIdent(schema))}`.execute(db);
      const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../migrations');
      const files = (await readdir(dir)).filter((f) => /^\d{4}(_\d\d){5}_.+\.ts$/.test(f)).sort();
      const migrations = Object.fromEntries(
        await Promise.all(files.map(async (f) => [f.replace(/\.ts$/, ''), (await import(pathToFileURL(path.join(dir, f)).href)) as Migration] as const)),
      );
      const before = files[files.indexOf('2026_12_01_01_00_00_rollups.ts') - 1]!.replace(/\.ts$/, '');
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();

      const brand = (await db.insertInto('brands').values({ name: 'Old' }).returning('id').executeTakeFirstOrThrow()).id;
      const rows = Array.from({ length: 30 }, (_, i) =>
        buildMention(brand, {
          posted_at: new Date(Date.UTC(2026, 10, 1, 23, 50) + i * 150_000),
          sentiment: SENTIMENTS[i % 3]!,
          intent: INTENTS[i % 5]!,
          platform: i % 4 ? 'demo' : 'x',
        }),
      );
      await db.insertInto('mentions').values(rows).execute();
      await migrateToLatest(db, schema);

      const filled = [await snapshot(db, 'rollup_minutes'), await snapshot(db, 'rollup_hours')];
      expect(filled[0]!.reduce((n, r) => n + (r.total as number), 0)).toBe(30);
      expect(filled[1]!.map((r) => r.bucket)).toContain('2026-11-02T00:00:00.000Z');
      await rebuildBrandRollups(db, brand, at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z'));
      expect([await snapshot(db, 'rollup_minutes'), await snapshot(db, 'rollup_hours')]).toEqual(filled);
      const old = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema} and table_name = 'mention_rollups'`.execute(db);
      expect(old.rows[0]!.n).toBe(0);
    } finally {
      await sql`drop schema if exists ${sql.raw(quoteIdent(schema))} cascade`.execute(db);
      await db.destroy();
    }
  });
});
