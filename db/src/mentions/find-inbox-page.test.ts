import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_BRANDS } from '../brand-access/brand-scope.ts';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { buildMention } from '../testing/factories.ts';
import { findInboxPage, rarestWordFirst, type InboxPageQuery } from './find-inbox-page.ts';

// A search of several words makes only the rarest (by PostgreSQL's estimate) a trigram-index
// condition and tests the others on the rows it yields; a walk of the deadline order is bounded
// and hands over to the trigram index with every word. Whichever word leads and wherever the
// walk stops, the pages must be exactly the mentions holding every word, in deadline order.
describe('findInboxPage: searches of several words', () => {
  let t: TestDb;
  const texts = new Map<string, { text: string; due: number }>();

  beforeAll(async () => {
    t = await createTestDb();
    const brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
    const start = Date.UTC(2026, 10, 2, 9);
    const rows = Array.from({ length: 300 }, (_, i) => {
      // "refund" on every third, "Late" on every seventh, "kettle" on two, "charged twice" on
      // every eleventh; deadlines out of insertion order, with ties.
      const words = [i % 3 === 0 ? 'refund' : '', i % 7 === 0 ? 'Late' : '', i === 42 || i === 113 ? 'kettle' : '', i % 11 === 0 ? 'was charged twice' : ''];
      return buildMention(brand, { text: `mention ${i} ${words.filter(Boolean).join(' ')}`, sla_due_at: new Date(start + ((i * 37) % 60) * 60_000) });
    });
    for (const r of await t.db.insertInto('mentions').values(rows).returning(['id', 'text', 'sla_due_at']).execute()) texts.set(r.id, { text: r.text, due: r.sla_due_at.getTime() });
    await sql`analyze mentions`.execute(t.db);
  });
  afterAll(async () => t.drop());

  it('puts the word PostgreSQL expects in the fewest mentions first', async () => {
    expect(await rarestWordFirst(t.db, 'refund kettle')).toBe('kettle refund');
    expect(await rarestWordFirst(t.db, 'kettle refund')).toBe('kettle refund');
    expect(await rarestWordFirst(t.db, '  refund  ')).toBe('refund');
  });

  for (const search of ['charged twice', 'twice CHARGED', 'refund late', 'late refund kettle', 'kettle zebra', 'refund 50%'])
    it(`"${search}": every page holds exactly the mentions with every word, in deadline order`, async () => {
      const words = search.toLowerCase().split(' ');
      const expected = [...texts.entries()]
        .filter(([, m]) => words.every((w) => m.text.toLowerCase().includes(w)))
        .sort(([a, x], [b, y]) => x.due - y.due || (a < b ? -1 : 1))
        .map(([id]) => id);
      expect(expected.length > 0).toBe(!/zebra|%/.test(search));
      // Walks of 1, 7 and 40 rows hand over to the trigram index at some point of every search.
      for (const searchWalkRows of [1, 7, 40, undefined]) {
        const ids: string[] = [];
        let after: InboxPageQuery['after'];
        for (;;) {
          const { rows, hasMore } = await findInboxPage(t.db, { scope: ALL_BRANDS, status: 'all', limit: 4, search, after }, { searchWalkRows });
          ids.push(...rows.map((r) => r.id));
          if (!hasMore) break;
          after = { slaDueAt: rows.at(-1)!.sla_due_at, id: rows.at(-1)!.id };
        }
        expect(ids, `walk of ${searchWalkRows ?? 'default'} rows`).toEqual(expected);
      }
    });
});
