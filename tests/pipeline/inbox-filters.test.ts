import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import type { NewMention } from '@earshot/db';
import type { InboxPage } from '@earshot/web';
import { signedInClient, type ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Every inbox filter, alone and combined, against a plain SQL reference query on a seeded data
// set. The reference computes each mention's first response from the replies themselves (the
// earliest reply in state 'sent' by asOf), not from the column the trigger keeps, so a wrong
// trigger or a wrong condition both fail here.

/** A small deterministic generator, so a failure can be replayed. */
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
const TOPICS = ['delivery', 'refund', 'app', null] as const;
const HOUR = 3_600_000;
const START = Date.parse('2026-10-05T00:00:00Z');
const PERIOD_FROM = '2026-10-12T00:00:00.000Z';
const PERIOD_BEFORE = '2026-10-19T00:00:00.000Z';
const AS_OF = '2026-10-20T12:00:00.000Z';

type Query = Record<string, string>;

describe('inbox filters: each one and their combinations list exactly what plain SQL finds, page by page', () => {
  let app: TestApp;
  let client: ApiClient;
  let brandA: string;
  let brandB: string;
  let agents: [string, string];

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    client = await signedInClient(app);
    brandA = (await seedBrand(app.db, 'Acme')).id;
    brandB = (await seedBrand(app.db, 'Bolt')).id;
    agents = [(await seedUser(app.db, { email: 'ann@acme.test', name: 'Ann', role: 'agent' })).user.id, (await seedUser(app.db, { email: 'ben@acme.test', name: 'Ben', role: 'agent' })).user.id];

    const random = prng(20261201);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const rows: NewMention[] = [];
    const replyPlans: { index: number; user: string; state: 'sent' | 'failed'; sentAt: Date | null }[] = [];
    for (let i = 0; i < 320; i++) {
      // Three weeks, so a one-week period has mentions on both sides of it.
      const posted = new Date(START + Math.floor(random() * 21 * 24) * HOUR + Math.floor(random() * 60) * 60_000);
      const priority = (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
      const intent = pick(INTENTS);
      // P4 waits a week, so some of a period's mentions are still pending at asOf.
      const due = new Date(posted.getTime() + (priority === 4 ? 168 : priority * 2) * HOUR);
      const plan = random();
      let status: 'open' | 'answered' | 'closed' = 'open';
      if (plan < 0.5) {
        // Answered: by its deadline, late, after the period, or after asOf (not counted yet).
        const delay = pick([0.5, 1, 3, 20, 60, 24 * 9]) * HOUR;
        replyPlans.push({ index: i, user: pick(agents), state: 'sent', sentAt: new Date(posted.getTime() + delay) });
        if (random() < 0.3) replyPlans.push({ index: i, user: pick(agents), state: 'sent', sentAt: new Date(posted.getTime() + delay + 2 * HOUR) });
        status = 'answered';
      } else if (plan < 0.6) {
        replyPlans.push({ index: i, user: pick(agents), state: 'failed', sentAt: null });
      } else if (plan < 0.7) {
        status = 'closed';
      }
      rows.push(
        buildMention(random() < 0.75 ? brandA : brandB, {
          platform: pick(PLATFORMS),
          posted_at: posted,
          sentiment: pick(SENTIMENTS),
          intent,
          topic: intent === 'complaint' ? pick(TOPICS) : null,
          is_spam: intent !== 'spam' && random() < 0.05,
          priority,
          sla_due_at: due,
          author_handle: pick(['alice', 'bob', 'carol', 'dave']),
          status,
        }),
      );
    }
    const ids = (await app.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);
    let n = 0;
    await app.db
      .insertInto('replies')
      .values(
        replyPlans.map((p) => ({
          mention_id: ids[p.index]!,
          user_id: p.user,
          text: 'On it',
          idempotency_key: `seed-${++n}`,
          state: p.state,
          sent_at: p.sentAt,
        })),
      )
      .execute();
  });
  afterAll(async () => app?.stop());

  /** Every id the API lists for a query, following nextCursor with small pages. */
  async function listAll(query: Query): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const params: URLSearchParams = new URLSearchParams({ status: 'all', limit: '7', ...query, ...(cursor ? { cursor } : {}) });
      const res: { status: number; body: InboxPage } = await client.request<InboxPage>('GET', `/api/mentions?${params.toString()}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      out.push(...res.body.items.map((m) => m.id));
      cursor = res.body.nextCursor;
      if (cursor === null) return out;
    }
    throw new Error('more than 200 pages');
  }

  /** The same filters written as plain SQL over mentions and replies. */
  async function reference(query: Query): Promise<string[]> {
    const asOf = new Date(query.asOf ?? new Date().toISOString());
    const c: RawBuilder<unknown>[] = [sql`true`];
    const status = query.status ?? 'all';
    if (status !== 'all') c.push(sql`status = ${status}`);
    if (query.brandId) c.push(sql`brand_id = ${query.brandId}`);
    if (query.sentiment) c.push(sql`sentiment = ${query.sentiment}`);
    if (query.intent) c.push(sql`intent = ${query.intent}`);
    if (query.platform) c.push(sql`platform = ${query.platform}`);
    if (query.priority) c.push(sql`priority = ${Number(query.priority)}`);
    if (query.topic) c.push(query.topic === 'none' ? sql`topic is null` : sql`topic = ${query.topic}`);
    if (query.postedFrom) c.push(sql`posted_at >= ${new Date(query.postedFrom)}`);
    if (query.postedBefore) c.push(sql`posted_at < ${new Date(query.postedBefore)}`);
    if (query.authorHandle) c.push(sql`author_handle = ${query.authorHandle}`);
    if (query.agentId) c.push(query.agentId === 'none' ? sql`first_at is null` : sql`first_by = ${query.agentId}`);
    const end = query.postedBefore ? new Date(query.postedBefore) : null;
    const open = sql`(first_at is null and not spam and status <> 'closed')`;
    switch (query.response) {
      case undefined:
        break;
      case 'answered':
        c.push(sql`first_at is not null`);
        break;
      case 'within':
        c.push(sql`first_at <= sla_due_at`);
        break;
      case 'late':
        c.push(sql`first_at > sla_due_at`);
        break;
      case 'missed':
        c.push(sql`${open} and sla_due_at <= ${asOf}`);
        break;
      case 'pending':
        c.push(sql`${open} and sla_due_at > ${asOf}`);
        break;
      case 'due':
        c.push(sql`(first_at is not null or (${open} and sla_due_at <= ${asOf}))`);
        break;
      case 'open-at-end':
        c.push(sql`not spam and (first_at >= ${end} or (first_at is null and status <> 'closed'))`);
        break;
      case 'answered-after':
        c.push(sql`first_at >= ${end}`);
        break;
      default:
        throw new Error(`no reference for ${query.response}`);
    }
    const result = await sql<{ id: string }>`
      with f as (
        select m.*, (m.is_spam or m.intent = 'spam') as spam, first.sent_at as first_at, first.user_id as first_by
        from mentions m
        left join lateral (
          select r.sent_at, r.user_id from replies r
          where r.mention_id = m.id and r.state = 'sent' and r.sent_at <= ${asOf}
          order by r.sent_at, r.id limit 1
        ) first on true
      )
      select id from f where ${sql.join(c, sql` and `)} order by sla_due_at, id`.execute(app.db);
    return result.rows.map((r) => r.id);
  }

  const period = { postedFrom: PERIOD_FROM, postedBefore: PERIOD_BEFORE, asOf: AS_OF };
  const cases: [string, () => Query][] = [
    ['no filter', () => ({})],
    ['status open', () => ({ status: 'open' })],
    ['status answered', () => ({ status: 'answered' })],
    ['brand', () => ({ brandId: brandB })],
    ['sentiment', () => ({ sentiment: 'negative' })],
    ['intent', () => ({ intent: 'question' })],
    ['intent spam', () => ({ intent: 'spam' })],
    ['platform', () => ({ platform: 'reddit' })],
    ['priority', () => ({ priority: '1' })],
    ['topic', () => ({ topic: 'delivery' })],
    ['topic none among complaints', () => ({ intent: 'complaint', topic: 'none' })],
    ['posted from', () => ({ postedFrom: PERIOD_FROM })],
    ['posted before', () => ({ postedBefore: PERIOD_BEFORE })],
    ['author', () => ({ authorHandle: 'carol' })],
    ['agent', () => ({ agentId: agents[0], asOf: AS_OF })],
    ['agent none', () => ({ agentId: 'none', asOf: AS_OF })],
    ...(['answered', 'within', 'late', 'missed', 'pending', 'due', 'open-at-end', 'answered-after'] as const).map(
      (response): [string, () => Query] => [`response ${response} in a period`, () => ({ brandId: brandA, ...period, response })],
    ),
    ['response missed, as of now', () => ({ response: 'missed' })],
    ['a report figure: one day, negative, one brand', () => ({ brandId: brandA, postedFrom: '2026-10-14T00:00:00.000Z', postedBefore: '2026-10-15T00:00:00.000Z', sentiment: 'negative', asOf: AS_OF })],
    ['a report figure: complaints on a topic in a period', () => ({ brandId: brandA, ...period, intent: 'complaint', topic: 'refund' })],
    ['a report figure: P2 within deadline on x', () => ({ brandId: brandA, ...period, priority: '2', platform: 'x', response: 'within' })],
    ['a report figure: one agent, late', () => ({ brandId: brandA, ...period, agentId: agents[1], response: 'late' })],
    ['a report figure: repeat complainer', () => ({ brandId: brandA, ...period, intent: 'complaint', authorHandle: 'alice' })],
    ['status open with labels', () => ({ status: 'open', sentiment: 'negative', platform: 'x', intent: 'complaint' })],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const query = make();
    const [api, ref] = await Promise.all([listAll(query), reference(query)]);
    expect(api).toEqual(ref);
  });

  it('has a data set where the filters actually select: no case is empty and none returns everything', async () => {
    const all = (await reference({})).length;
    expect(all).toBe(320);
    for (const [name, make] of cases.slice(1)) {
      const n = (await reference(make())).length;
      expect(n, name).toBeGreaterThan(0);
      expect(n, name).toBeLessThan(all);
    }
  });

  it('refuses filters that cannot be answered, saying what to give', async () => {
    const res = await client.request<{ error: { message: string } }>('GET', '/api/mentions?status=all&response=open-at-end');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/postedBefore/);
    const bad = await client.request<{ error: { message: string } }>('GET', '/api/mentions?priority=7&sentiment=angry');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/priority/);
    expect(bad.body.error.message).toMatch(/sentiment/);
  });
});
