import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, createTestDb, type TestDb } from '../testing/index.ts';
import { listNegativeTexts } from './list-negative-texts.ts';

describe('listNegativeTexts', () => {
  let t: TestDb;
  let brand: string;
  const start = new Date('2026-10-19T00:00:00Z');
  const end = new Date('2026-10-26T00:00:00Z');
  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
    // 1,680 negative mentions, one every 6 minutes, and as many positive ones.
    const rows = Array.from({ length: 3_360 }, (_, i) =>
      buildMention(brand, { text: `n${i >> 1}`, sentiment: i % 2 === 0 ? 'negative' : 'positive', posted_at: new Date(start.getTime() + (i >> 1) * 360_000) }),
    );
    await t.db.insertInto('mentions').values(rows).execute();
  });
  afterAll(async () => t.drop());

  it('returns every negative text when there are no more than the limit', async () => {
    expect(await listNegativeTexts(t.db, { brandId: brand, start, end, expected: 1_680, limit: 5_000 })).toHaveLength(1_680);
  });

  it('samples about the limit, spread over the whole period, the same texts each time', async () => {
    const sample = await listNegativeTexts(t.db, { brandId: brand, start, end, expected: 1_680, limit: 168 });
    // 168 slices of 1/168 × 1/10 of the week (6 minutes) each hold one mention posted every 6 minutes.
    expect(sample).toHaveLength(168);
    const hours = new Set(sample.map((s) => Math.floor(Number(s.slice(1)) / 10)));
    expect(hours.size).toBe(168); // one from each hour of the week
    expect(await listNegativeTexts(t.db, { brandId: brand, start, end, expected: 1_680, limit: 168 })).toEqual(sample);
  });
});
