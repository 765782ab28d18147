import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_BRANDS } from '../brand-access/brand-scope.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { buildMention } from '../testing/factories.ts';
import { findInboxPage, inboxPageQuery, type InboxPageQuery } from './find-inbox-page.ts';

// A search walks the view in deadline order first and asks the trigram index for the rest only
// when the walk ends short of a page. Both ways must give exactly the pages one plain statement
// gives, page after page: here with walks of 1 to 40 rows over 120 mentions, so every search
// below crosses from the walk to the index somewhere (the default walk is 20,000 rows).
describe('findInboxPage: search by walk, then by the trigram index', () => {
  let t: TestDb;
  let brand: string;
  const WORDS = ['refund', 'late', 'kettle', 'charged twice', 'zebra'];

  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
    const start = Date.UTC(2026, 10, 2, 9);
    const rows = Array.from({ length: 120 }, (_, i) => {
      // "refund" on every third, "late" on every seventh, "kettle" on two, "charged twice" on
      // every eleventh; deadlines out of insertion order, with ties, so the order is by (deadline, id).
      const words = [i % 3 === 0 ? 'refund' : '', i % 7 === 0 ? 'late' : '', i === 40 || i === 113 ? 'kettle' : '', i % 11 === 0 ? 'was charged twice' : ''];
      return buildMention(brand, {
        text: `mention ${i} ${words.filter(Boolean).join(' ')}`,
        status: i % 4 === 0 ? 'answered' : 'open',
        sla_due_at: new Date(start + ((i * 37) % 60) * 60_000),
      });
    });
    await t.db.insertInto('mentions').values(rows).execute();
  });
  afterAll(async () => t.drop());

  /** Every page of a query, by the keyset cursor, as ids. */
  async function allPages(q: InboxPageQuery, page: (q: InboxPageQuery) => Promise<{ rows: { id: string; sla_due_at: Date }[]; hasMore: boolean }>) {
    const ids: string[] = [];
    let after: InboxPageQuery['after'];
    for (let n = 0; n < 200; n++) {
      const { rows, hasMore } = await page({ ...q, after });
      ids.push(...rows.map((r) => r.id));
      if (!hasMore) return ids;
      const last = rows.at(-1)!;
      after = { slaDueAt: last.sla_due_at, id: last.id };
    }
    throw new Error('no last page');
  }

  const plain = async (q: InboxPageQuery) => {
    const rows = await inboxPageQuery(t.db, q).execute();
    return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  };

  for (const status of ['all', 'open'] as const)
    for (const search of WORDS)
      it(`"${search}", ${status}: the same pages with walks of 1, 7, 40 and the default number of rows`, async () => {
        const q: InboxPageQuery = { scope: ALL_BRANDS, status, limit: 5, search };
        const expected = await allPages(q, plain);
        // The oracle is not empty by accident: each word is in some mentions, "zebra" in none.
        expect(expected.length > 0).toBe(search !== 'zebra');
        for (const searchWalkRows of [1, 7, 40, undefined]) {
          expect(await allPages(q, (p) => findInboxPage(t.db, p, { searchWalkRows })), `walk ${searchWalkRows ?? 'default'}`).toEqual(expected);
        }
      });

  it('finds a search and another filter together, and a page of exactly the limit says nothing follows', async () => {
    const q: InboxPageQuery = { scope: ALL_BRANDS, status: 'all', limit: 2, search: 'kettle', brandId: brand };
    const page = await findInboxPage(t.db, q, { searchWalkRows: 3 });
    expect(page.rows.map((r) => r.text)).toEqual(expect.arrayContaining([expect.stringContaining('mention 40 '), expect.stringContaining('mention 113 ')]));
    expect(page.hasMore).toBe(false);
  });
});
