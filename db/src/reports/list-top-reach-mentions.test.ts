import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, createTestDb, type TestDb } from '../testing/index.ts';
import { listTopReachMentions } from './list-top-reach-mentions.ts';

describe('listTopReachMentions', () => {
  let t: TestDb;
  let brand: string;
  const start = new Date('2026-10-19T00:00:00Z');
  const end = new Date('2026-10-26T00:00:00Z');
  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
    const at = new Date('2026-10-20T10:00:00Z');
    // 250 positive authors with 1,000+ followers crowd out the negatives (10, 20, 30, and one unknown).
    const rows = [
      ...Array.from({ length: 250 }, (_, i) => buildMention(brand, { sentiment: 'positive', author_handle: `p${i}`, author_followers: 1_000 + i, posted_at: at })),
      ...[10, 20, 30, null].map((f, i) => buildMention(brand, { sentiment: 'negative', author_handle: `n${i}`, author_followers: f, posted_at: at })),
      buildMention(brand, { sentiment: 'negative', author_handle: 'outside', author_followers: 99_999, posted_at: new Date('2026-10-26T00:00:00Z') }),
    ];
    await t.db.insertInto('mentions').values(rows).execute();
  });
  afterAll(async () => t.drop());

  it('finds each sentiment’s widest reach, also when one crowds out the other', async () => {
    const top = await listTopReachMentions(t.db, { brandId: brand, start, end, limit: 3 });
    expect(top.positive.map((m) => m.authorHandle)).toEqual(['p249', 'p248', 'p247']);
    expect(top.negative.map((m) => [m.authorHandle, m.authorFollowers])).toEqual([
      ['n2', 30],
      ['n1', 20],
      ['n0', 10],
    ]);
  });
});
