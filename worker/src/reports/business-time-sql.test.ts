import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listReportMentions } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { businessCalendar, businessTimeBetween, type SlaRules } from '@earshot/policy';

const nineToFive = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }]));
const cases: [string, SlaRules][] = [
  ['London 9–17 with a holiday, clocks going back', { timeZone: 'Europe/London', targetsMinutes: { P1: 60, P2: 120, P3: 240, P4: 480 }, businessHours: nineToFive, holidays: ['2026-10-22'] }],
  ['New York, a late desk across midnight', { timeZone: 'America/New_York', targetsMinutes: { P1: 60, P2: 120, P3: 240, P4: 480 }, businessHours: { '5': { open: '18:00', close: '24:00' }, '6': { open: '00:00', close: '04:00' }, '7': { open: '01:00', close: '03:00' } }, holidays: [] }],
];

// The report measures business time in SQL from a calendar of open windows; this checks it
// against the SLA code's own count, mention by mention, around both autumn clock changes.
describe('business time in SQL agrees with businessTimeBetween', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.drop());

  it.each(cases)('%s', async (name, rules) => {
    const { id: brandId } = await t.db.insertInto('brands').values({ name }).returning('id').executeTakeFirstOrThrow();
    const start = new Date('2026-10-19T00:00:00Z');
    const end = new Date('2026-11-03T00:00:00Z');
    const asOf = new Date('2026-11-10T00:00:00Z');
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const rows = Array.from({ length: 150 }, () => buildMention(brandId, { posted_at: new Date(start.getTime() + Math.floor(random() * (end.getTime() - start.getTime()))) }));
    const ids = (await t.db.insertInto('mentions').values(rows).returning(['id', 'posted_at']).execute());
    await t.db
      .insertInto('replies')
      .values(ids.map((m, i) => ({ mention_id: m.id, text: 'hi', idempotency_key: `${name}-${i}`, state: 'sent' as const, sent_at: new Date(m.posted_at.getTime() + Math.floor(random() * 4 * 86_400_000)) })))
      .execute();
    const listed = await listReportMentions(t.db, { brandId, start, end, asOf }, businessCalendar(rules, start, asOf), { limit: 1_000 });
    expect(listed).toHaveLength(150);
    for (const r of listed) {
      expect(r.businessMs, `${r.postedAt.toISOString()} → ${r.firstResponseAt?.toISOString()}`).toBe(businessTimeBetween(rules, r.postedAt, r.firstResponseAt!));
    }
  });
});
