import { ALL_BRANDS, findInboxPage, insertMentionsCounted, InboxFilterSchema, type NewMention } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_PER_DAY, explainSpike } from './explain-spike.ts';
import { DAY_MS, MINUTE_MS } from './seasonal-baseline.ts';
import { seededRandom } from './synthetic-series.ts';

// A brand's normal negative mentions for a week, then a storm about lost luggage in a
// 30-minute window that ends at BEFORE; every storm mention also says something normal, so the
// brand's everyday words appear in the window about as often as they always do.
const BEFORE = Date.UTC(2026, 10, 25, 14);
const FROM = BEFORE - 30 * MINUTE_MS;
const NORMAL = [
  'my flight was delayed again',
  'customer service never answers the phone',
  'waiting on hold for an hour',
  'the app keeps crashing at checkout',
  'seat was broken on the flight',
  'delayed flight and no update from anyone',
  'terrible food on board',
  'gate changed twice without notice',
];
const STORM = [
  'lost luggage again',
  'still no sign of my lost luggage',
  'lost luggage for three days now',
  'who handles lost luggage here',
  'lost luggage and nobody at the desk',
];

// The deadline an hour after posting, as the pipeline never sets one before its post: the
// inbox's report-period views rely on that (find-inbox-page.ts), and the link below uses one.
const mentionAt = (brand: string, over: Partial<NewMention> & { posted_at: Date }): NewMention =>
  buildMention(brand, { sla_due_at: new Date(over.posted_at.getTime() + 3_600_000), ...over });

describe('explainSpike (PostgreSQL): what drives a storm', () => {
  let t: TestDb;
  let brand: string;
  const windowIds = new Set<string>();

  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Air' }).returning('id').executeTakeFirstOrThrow()).id;
    const random = seededRandom(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const rows: NewMention[] = [];
    // A week of normal traffic: negative mentions and some positive ones.
    for (let i = 0; i < 420; i++) {
      const at = FROM - Math.floor(random() * 7 * DAY_MS) - 1;
      rows.push(mentionAt(brand, { text: pick(NORMAL), author_handle: `user${i % 150}`, posted_at: new Date(at) }));
      if (i % 3 === 0)
        rows.push(mentionAt(brand, { text: 'lovely crew, thanks', sentiment: 'positive', intent: 'praise', posted_at: new Date(at) }));
    }
    await insertMentionsCounted(t.db, rows);
    // The storm: 45 negative mentions about lost luggage (5 by one loud author), 15 normal ones.
    const storm: NewMention[] = [];
    for (let i = 0; i < 60; i++) {
      const lost = i < 45;
      storm.push(
        mentionAt(brand, {
          text: lost ? `${pick(STORM)}. ${pick(NORMAL)} #LostBags` : pick(NORMAL),
          author_handle: lost && i < 5 ? 'angryflyer' : `storm${i}`,
          author_followers: i,
          platform: i % 4 === 0 ? 'reddit' : 'twitter',
          posted_at: new Date(FROM + Math.floor((i / 60) * 30 * MINUTE_MS)),
        }),
      );
    }
    for (const r of await insertMentionsCounted(t.db, storm)) windowIds.add(r.id);
    // In the window but not the metric (positive), and just outside it on both sides.
    await insertMentionsCounted(t.db, [
      mentionAt(brand, { text: 'lost luggage found, thanks!', sentiment: 'positive', intent: 'praise', posted_at: new Date(FROM + MINUTE_MS) }),
      mentionAt(brand, { text: 'lost luggage again', posted_at: new Date(BEFORE) }),
      mentionAt(brand, { text: 'lost luggage again', posted_at: new Date(FROM - 1) }),
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('ranks the storm’s phrase first, lists no everyday words, and links to exactly its mentions', async () => {
    const e = await explainSpike(t.db, {
      brandId: brand,
      metric: 'negative',
      from: new Date(FROM),
      before: new Date(BEFORE),
      total: 60,
    });
    expect(e.mentions).toBe(60);
    expect(e.sampled).toBe(false);
    // Baseline: every negative mention of the 7 days before (fewer than BASELINE_PER_DAY a day).
    expect(e.baselineMentions).toBeGreaterThanOrEqual(420);
    expect(e.baselineMentions).toBeLessThanOrEqual(7 * BASELINE_PER_DAY);

    expect(e.phrases[0]).toMatchObject({ term: 'lost luggage', count: 45 });
    expect(e.phrases[0]!.g2).toBeGreaterThan(100);
    const everyday = new Set(NORMAL.flatMap((n) => n.split(' ')));
    for (const p of e.phrases) for (const w of p.term.split(' ')) expect(everyday.has(w), p.term).toBe(false);
    expect(e.hashtags.map((h) => h.term)).toEqual(['#lostbags']);

    expect(e.authors[0]).toEqual({ handle: 'angryflyer', count: 5 });
    expect(e.platforms).toEqual([
      { platform: 'twitter', count: 45 },
      { platform: 'reddit', count: 15 },
    ]);
    expect(e.examples.length).toBeGreaterThanOrEqual(3);
    expect(e.examples.length).toBeLessThanOrEqual(5);
    expect(new Set(e.examples.map((x) => x.author)).size).toBe(e.examples.length);
    for (const x of e.examples) {
      expect(windowIds.has(x.id)).toBe(true);
      expect(x.text).toContain('lost luggage');
    }
    expect(e.summary).toMatch(/^Driven by "lost luggage" \(75% of them, 0% normally\)/);

    // The link's filters, read as the dashboard and API read them, select exactly the window's
    // negative mentions: not the positive one inside it, nor those at either edge outside it.
    const [path, search] = e.linkPath.split('?');
    expect(path).toBe('/inbox');
    const f = InboxFilterSchema.parse(Object.fromEntries(new URLSearchParams(search)));
    const page = await findInboxPage(t.db, {
      scope: ALL_BRANDS,
      status: 'all',
      limit: 200,
      brandId: f.brandId,
      sentiment: f.sentiment,
      postedFrom: new Date(f.postedFrom),
      postedBefore: new Date(f.postedBefore),
    });
    expect(new Set(page.rows.map((r) => r.id))).toEqual(windowIds);
  });
});
