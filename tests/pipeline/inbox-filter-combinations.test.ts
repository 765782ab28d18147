import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { ALL_BRANDS, inboxPageQuery, type InboxPageQuery, type NewMention } from '@earshot/db';
import type { BulkTagResult, InboxPage } from '@earshot/web';
import { signedInClient, type ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedStream } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Every filter the inbox screen offers (brand, stream, platform, sentiment, intent, priority, tag,
// overdue, date range, search, status), alone, in every pair, and a few larger combinations, each
// checked page by page against a plain SQL reference query over a seeded data set. The reference
// is written differently from the server's SQL (tags by IN, search by position() in lower()), so
// a wrong condition or wrong escaping fails here. Then EXPLAIN shows an index serving each filter.

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PLATFORMS = ['x', 'reddit', 'demo'] as const;
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const INTENTS = ['complaint', 'question', 'praise', 'other', 'spam'] as const;
const WORDS = ['refund', 'Refunded', 'delayed', 'baggage', 'lounge', 'заказ', '配達', 'wifi', '50%', 'under_score', 'REF-1234', 'great'];
const HANDLES = ['alice_w', 'bob', 'carol99', 'dave.k', 'eve'];
const NAMES = ['Alice Walker', null, 'Carol Ng', 'Dave King', null];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Posted over the last three weeks; deadlines from two days ago to two days ahead, never within an
// hour of now, so "overdue" (as of now) means the same to the API and the reference.
const NOW = Date.now();
const RANGE_FROM = new Date(NOW - 14 * DAY).toISOString();
const RANGE_BEFORE = new Date(NOW - 7 * DAY).toISOString();

type Query = Record<string, string>;

describe('inbox filter combinations: what the API lists is what plain SQL finds, and an index serves each filter', () => {
  let app: TestApp;
  let client: ApiClient;
  let brandA: string;
  let brandB: string;
  let streams: string[];
  let tags: { id: string; name: string }[];

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    client = await signedInClient(app);
    brandA = (await seedBrand(app.db, 'Acme')).id;
    brandB = (await seedBrand(app.db, 'Bolt')).id;
    streams = [
      (await seedStream(app.db, { brandId: brandA, platform: 'x', name: 'Acme on X', query: { keywords: ['acme'] } })).id,
      (await seedStream(app.db, { brandId: brandA, platform: 'reddit', name: 'Acme on Reddit', query: { keywords: ['acme'] } })).id,
      (await seedStream(app.db, { brandId: brandB, name: 'Bolt demo' })).id,
    ];

    const random = prng(20261202);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const rows: NewMention[] = [];
    for (let i = 0; i < 360; i++) {
      const stream = random() < 0.85 ? pick(streams) : null;
      const brand = stream === null ? pick([brandA, brandB]) : stream === streams[2] ? brandB : brandA;
      const who = Math.floor(random() * HANDLES.length);
      const intent = pick(INTENTS);
      const aheadHours = (random() < 0.5 ? -1 : 1) * (1 + random() * 47);
      const words = [pick(WORDS), pick(WORDS), `number ${i}`];
      rows.push(
        buildMention(brand, {
          stream_id: stream,
          platform: stream === streams[0] ? 'x' : stream === streams[1] ? 'reddit' : stream === streams[2] ? 'demo' : pick(PLATFORMS),
          text: words.join(' '),
          author_handle: HANDLES[who]!,
          author_name: NAMES[who]!,
          posted_at: new Date(NOW - random() * 21 * DAY),
          sentiment: pick(SENTIMENTS),
          intent,
          is_spam: intent !== 'spam' && random() < 0.05,
          priority: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
          sla_due_at: new Date(NOW + aheadHours * HOUR),
          status: random() < 0.6 ? 'open' : random() < 0.7 ? 'answered' : 'closed',
        }),
      );
    }
    const ids = (await app.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);

    // Tags through the bulk API, as the inbox's multi-select does: by new name, then by id.
    tags = [];
    for (const name of ['vip', 'needs-refund', 'press']) {
      const chosen = ids.filter(() => random() < 0.3);
      const res = await client.request<BulkTagResult>('POST', '/api/mentions/tags', { ids: chosen, name });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.tagged.sort()).toEqual([...chosen].sort());
      tags.push(res.body.tag);
    }
  });
  afterAll(async () => app?.stop());

  async function listAll(query: Query): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const params: URLSearchParams = new URLSearchParams({ status: 'all', limit: '40', ...query, ...(cursor ? { cursor } : {}) });
      const res: { status: number; body: InboxPage } = await client.request<InboxPage>('GET', `/api/mentions?${params.toString()}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      out.push(...res.body.items.map((m) => m.id));
      cursor = res.body.nextCursor;
      if (cursor === null) return out;
    }
    throw new Error('more than 100 pages');
  }

  async function reference(query: Query): Promise<string[]> {
    const c: RawBuilder<unknown>[] = [sql`true`];
    const status = query.status ?? 'all';
    if (status !== 'all') c.push(sql`status = ${status}`);
    if (query.brandId) c.push(sql`brand_id = ${query.brandId}`);
    if (query.streamId) c.push(sql`stream_id = ${query.streamId}`);
    if (query.platform) c.push(sql`platform = ${query.platform}`);
    if (query.sentiment) c.push(sql`sentiment = ${query.sentiment}`);
    if (query.intent) c.push(sql`intent = ${query.intent}`);
    if (query.priority) c.push(sql`priority = ${Number(query.priority)}`);
    if (query.tagId) c.push(sql`id in (select mention_id from mention_tags where tag_id = ${query.tagId})`);
    if (query.overdue) c.push(sql`status = 'open' and not is_spam and intent <> 'spam' and sla_due_at <= now()`);
    if (query.postedFrom) c.push(sql`posted_at >= ${new Date(query.postedFrom)}`);
    if (query.postedBefore) c.push(sql`posted_at < ${new Date(query.postedBefore)}`);
    if (query.search) {
      for (const word of query.search.trim().split(/\s+/)) {
        c.push(sql`position(lower(${word}) in lower(text || ' ' || author_handle || ' ' || coalesce(author_name, ''))) > 0`);
      }
    }
    const result = await sql<{ id: string }>`select id from mentions where ${sql.join(c, sql` and `)} order by sla_due_at, id`.execute(app.db);
    return result.rows.map((r) => r.id);
  }

  // One value per filter, as the screen would set it.
  const single: [string, () => Query][] = [
    ['brand', () => ({ brandId: brandB })],
    ['stream', () => ({ streamId: streams[1]! })],
    ['platform', () => ({ platform: 'x' })],
    ['sentiment', () => ({ sentiment: 'negative' })],
    ['intent', () => ({ intent: 'complaint' })],
    ['priority', () => ({ priority: '1' })],
    ['tag', () => ({ tagId: tags[0]!.id })],
    ['overdue', () => ({ overdue: '1' })],
    ['date range', () => ({ postedFrom: RANGE_FROM, postedBefore: RANGE_BEFORE })],
    ['search', () => ({ search: 'refund' })],
    ['status', () => ({ status: 'open' })],
  ];
  const pairs: [string, () => Query][] = [];
  for (let i = 0; i < single.length; i++) {
    for (let j = i + 1; j < single.length; j++) {
      const [a, qa] = single[i]!;
      const [b, qb] = single[j]!;
      pairs.push([`${a} + ${b}`, () => ({ ...qa(), ...qb() })]);
    }
  }
  const searches: [string, () => Query][] = [
    ['search: part of a word, any case', () => ({ search: 'REFUN' })],
    ['search: two words, both must appear', () => ({ search: 'refund lounge' })],
    ['search: a handle fragment', () => ({ search: 'ice_w' })],
    ['search: an author name', () => ({ search: 'walker' })],
    ['search: Cyrillic', () => ({ search: 'заказ' })],
    ['search: Japanese', () => ({ search: '配達' })],
    ['search: a literal percent sign', () => ({ search: '50%' })],
    ['search: a literal underscore', () => ({ search: 'under_' })],
    ['search: an order number', () => ({ search: 'ref-1234' })],
    ['search: two letters', () => ({ search: 'wi' })],
  ];
  const larger: [string, () => Query][] = [
    ['brand + stream + platform + sentiment', () => ({ brandId: brandA, streamId: streams[0]!, platform: 'x', sentiment: 'negative' })],
    ['open, overdue complaints tagged vip', () => ({ status: 'open', overdue: '1', intent: 'complaint', tagId: tags[0]!.id })],
    ['search + tag + date range', () => ({ search: 'delayed', tagId: tags[1]!.id, postedFrom: RANGE_FROM })],
    ['everything at once', () => ({ status: 'open', brandId: brandA, streamId: streams[0]!, platform: 'x', sentiment: 'negative', intent: 'complaint', priority: '2', tagId: tags[2]!.id, overdue: '1', postedFrom: RANGE_FROM, search: 'a' })],
  ];

  it.each([...single, ...searches, ...pairs, ...larger])('%s', async (_name, make) => {
    const query = make();
    const [api, ref] = await Promise.all([listAll(query), reference(query)]);
    expect(api).toEqual(ref);
  });

  it('has a data set where each filter selects: none alone is empty or returns everything', async () => {
    const all = (await reference({})).length;
    expect(all).toBe(360);
    for (const [name, make] of [...single, ...searches]) {
      const n = (await reference(make())).length;
      expect(n, name).toBeGreaterThan(0);
      expect(n, name).toBeLessThan(all);
    }
    // Most pairs still find something, so the pair cases compare rows, not two empty lists.
    let nonEmpty = 0;
    for (const [, make] of pairs) if ((await reference(make())).length > 0) nonEmpty++;
    expect(nonEmpty).toBeGreaterThan(pairs.length * 0.8);
  });

  it('a tag filter for a tag nobody has lists nothing; an unknown filter value is refused in words', async () => {
    expect(await listAll({ tagId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
    const bad = await client.request<{ error: { message: string } }>('GET', '/api/mentions?streamId=nope&overdue=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/streamId/);
  });

  it('EXPLAIN: an index serves each filter (sequential scans off, as at millions of rows)', async () => {
    const base: InboxPageQuery = { scope: ALL_BRANDS, status: 'all', limit: 50 };
    const cases: [string, InboxPageQuery, RegExp][] = [
      ['all, by deadline', base, /mentions_due_idx/],
      ['open', { ...base, status: 'open' }, /mentions_inbox_idx|mentions_open_due_idx/],
      ['brand, open', { ...base, status: 'open', brandId: brandA }, /mentions_brand_inbox_idx|mentions_brand_due_idx/],
      ['stream, open', { ...base, status: 'open', streamId: streams[0]! }, /mentions_stream_inbox_idx|mentions_stream_due_idx/],
      ['stream, all', { ...base, streamId: streams[0]! }, /mentions_stream_due_idx/],
      ['tag', { ...base, tagId: tags[0]!.id }, /mention_tags_tag_idx|mention_tags_pkey/],
      ['overdue', { ...base, status: 'open', overdue: true }, /mentions_inbox_idx|mentions_open_due_idx/],
      ['date range', { ...base, postedFrom: new Date(RANGE_FROM), postedBefore: new Date(RANGE_BEFORE) }, /mentions_posted_idx|mentions_due_idx/],
      ['brand date range', { ...base, brandId: brandA, postedFrom: new Date(RANGE_FROM), postedBefore: new Date(RANGE_BEFORE) }, /mentions_brand_posted_idx|mentions_posted_idx|mentions_brand_inbox_idx|mentions_due_idx/],
      // With plain index scans off too: a common word is found fastest by walking the deadline order
      // (what the planner picks here), a rare one through the trigram index, which must match the expression.
      ['search', { ...base, search: 'refund' }, /mentions_search_trgm_idx/],
    ];
    for (const [name, q, index] of cases) {
      const plan = await app.db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        if (name === 'search') await sql`set enable_indexscan = off`.execute(conn);
        // The label filters (platform, sentiment, intent, priority) narrow the rows an index yields; the
        // planner must still start from an index when one of the filters above is given.
        const compiled = inboxPageQuery(conn, q).compile();
        const rows = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
        await sql`reset enable_seqscan`.execute(conn);
        await sql`reset enable_indexscan`.execute(conn);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan, `${name}:\n${plan}`).toMatch(index);
      expect(plan, `${name}:\n${plan}`).not.toMatch(/Seq Scan on mentions/);
    }
  });
});
