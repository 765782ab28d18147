import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countMentionsByFilter, type InboxFilter } from '@earshot/db';
import { createTestDb, type TestDb } from '@earshot/db/testing';
import { computeDueAt } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { buildReport } from './build-report.ts';
import type { Figure, Report } from './report-types.ts';
import { SEEDED, seedReportWeek, type SeededWeek } from '@earshot/db/testing';

// Every expected value below is worked out by hand from @earshot/db/testing (seed-report-week.ts).
// Kettle Co, Europe/London, open Mon–Fri 09:00–17:00, closed Thursday 2026-10-22; targets
// P1 60, P2 120, P3 240, P4 480 minutes. Week 2026-W43 = Mon 19 Oct 00:00 BST to Mon 26 Oct
// 00:00 GMT; clocks go back Sunday 25 Oct. Report as of Monday 26 Oct 12:00Z.
//
// First responses, in business minutes (open time between arrival and the first sent reply):
//   m1  Mon 10:00 → Mon 11:30 BST            = 90   due Mon 12:00  within  Ann  x       P2
//   m2  Mon 16:30 → Tue 09:45 BST  30 + 45   = 75   due Tue 09:30  LATE    Bob  x       P1
//   m3  Tue 12:00 → Tue 12:20 BST            = 20   due Wed 12:00  within  Ann  reddit  P4
//   m4  Wed 18:00 → Fri 09:30 BST  (Thu shut)= 30   due Fri 13:00  within  Bob  x       P3
//   m5  Thu 10:00 (holiday) → Fri 11:00 BST  = 120  due Fri 11:00  within  Ann  x       P2  (exactly at the deadline)
//   m6  Sat 11:00 BST → Mon 09:20 GMT        = 20   due Mon 10:00  within  Bob  reddit  P1  (answered after the week)
//   m9  Sun 23:30 GMT → Mon 09:10 GMT        = 10   due Mon 10:00  within  Ann  x       P1  (answered after the week)
//   m11 Fri 14:00 → Fri 16:00 BST            = 120  due Mon 10:00  within  Bob  reddit  P3  (Ann's failed reply and her later one do not count)
// Unanswered: m7 (P2, x, due Mon 11:00 GMT < asOf → missed), m12 (P4, x, due Mon 16:50 > asOf →
// pending; Bob's reply at 13:00Z is after asOf), m8 (closed, not due), m10 (spam, not due).
// Answered business minutes sorted: 10 20 20 30 75 90 120 120 (n = 8):
//   median = value at rank ceil(0.5·8) = 4 → 30; p90 = rank ceil(0.9·8) = 8 → 120.
// Due = answered 8 + missed 1 = 9; within = 8 − 1 late = 7 → 7/9.

describe('buildReport on a seeded week (weekend, holiday, clocks going back)', () => {
  let t: TestDb;
  let seed: SeededWeek;
  let report: Report;
  beforeAll(async () => {
    t = await createTestDb();
    seed = await seedReportWeek(t.db);
    // Alerts: a spike that starts Saturday 23:50Z (Sunday 00:50 BST) and one left open from the
    // week before; one resolved before the week, and another brand's, are not this week's.
    await t.db
      .insertInto('alerts')
      .values([
        { kind: 'spike', brand_id: seed.brandId, message: 'Negative spike: billing', started_at: '2026-10-24T23:50:00Z', resolved_at: '2026-10-25T02:00:00Z', peak: 3, total: 9 },
        { kind: 'stream-failing', brand_id: seed.brandId, message: 'X stream failing', created_at: '2026-10-17T08:00:00Z', resolved_at: null },
        { kind: 'spike', brand_id: seed.brandId, message: 'Old spike', started_at: '2026-10-12T10:00:00Z', resolved_at: '2026-10-12T11:00:00Z' },
        { kind: 'spike', brand_id: seed.otherBrandId, message: 'Not ours', started_at: '2026-10-20T10:00:00Z' },
      ])
      .execute();
    report = await buildReport(t.db, {
      brand: SEEDED.brand,
      week: SEEDED.week,
      asOf: SEEDED.asOf,
      now: new Date('2026-10-26T12:00:05Z'),
    });
  });
  afterAll(async () => t.drop());

  it('the seeded deadlines are the ones the SLA code gives', async () => {
    const policy = await t.db
      .selectFrom('sla_policies')
      .selectAll()
      .where('brand_id', '=', seed.brandId)
      .executeTakeFirstOrThrow();
    const rules = slaRulesFromPolicy(policy);
    const rows = await t.db
      .selectFrom('mentions')
      .select(['posted_at', 'priority', 'sla_due_at'])
      .where('brand_id', '=', seed.brandId)
      .where('posted_at', '>=', new Date('2026-10-18T23:00:00Z'))
      .where('posted_at', '<', new Date('2026-10-26T00:00:00Z'))
      .execute();
    expect(rows).toHaveLength(12);
    for (const r of rows)
      expect(computeDueAt(rules, r.priority, r.posted_at).toISOString()).toBe(
        r.sla_due_at.toISOString(),
      );
  });

  it('covers the ISO week in London time: 169 hours, seven local days', () => {
    expect(report.period).toMatchObject({
      label: '2026-W43',
      from: '2026-10-19',
      to: '2026-10-25',
      start: '2026-10-18T23:00:00.000Z',
      end: '2026-10-26T00:00:00.000Z',
    });
    expect(new Date(report.period.end).getTime() - new Date(report.period.start).getTime()).toBe(
      169 * 3_600_000,
    );
    expect(report.previousPeriod).toMatchObject({
      label: '2026-W42',
      start: '2026-10-11T23:00:00.000Z',
      end: '2026-10-18T23:00:00.000Z',
    });
    expect(report.empty).toBe(false);
  });

  it('headline', () => {
    const h = report.headline;
    // 12 mentions this week (m1–m12; n1 is Monday of W44, Other Co's is another brand) vs 6 (p1–p6): +100 %.
    expect([h.mentions.value, h.mentions.previous, h.mentions.change]).toEqual([12, 6, 100]);
    // Net: positive m3, m8 = 2; negative m1 m2 m5 m6 m7 m9 m11 = 7 → (2 − 7)/12 = −5/12.
    // Before: (1 − 4)/6 = −1/2. Change: (−5/12 + 6/12) · 100 = +8.33 points.
    expect(h.netSentiment.value).toBeCloseTo(-5 / 12, 10);
    expect(h.netSentiment.previous).toBeCloseTo(-0.5, 10);
    expect(h.netSentiment.change).toBeCloseTo(100 / 12, 10);
    // Complaints: the seven negatives; before p1 p2 p3 p6 = 4 → +75 %.
    expect([h.complaints.value, h.complaints.previous, h.complaints.change]).toEqual([7, 4, 75]);
    expect([h.withinDeadline.within, h.withinDeadline.due]).toEqual([7, 9]);
    expect(h.withinDeadline.value).toBeCloseTo(7 / 9, 10);
    expect(h.firstResponseMedianMinutes.value).toBe(30);
    expect(h.firstResponseP90Minutes.value).toBe(120);
    expect(h.spam.value).toBe(1);
  });

  it('daily counts by local day: m7 (Saturday 23:30Z) is a Sunday in London', () => {
    expect(report.daily.map((d) => [d.date, d.total, d.negative, d.neutral, d.positive])).toEqual([
      ['2026-10-19', 2, 2, 0, 0], // m1 m2
      ['2026-10-20', 1, 0, 0, 1], // m3
      ['2026-10-21', 1, 0, 1, 0], // m4
      ['2026-10-22', 1, 1, 0, 0], // m5
      ['2026-10-23', 3, 1, 2, 0], // m10 m11 m12
      ['2026-10-24', 1, 1, 0, 0], // m6
      ['2026-10-25', 3, 2, 0, 1], // m7 m8 m9 — a 25-hour day
    ]);
    expect(report.daily[6]!.filter).toMatchObject({
      postedFrom: '2026-10-24T23:00:00.000Z',
      postedBefore: '2026-10-26T00:00:00.000Z',
    });
  });

  it('alerts open during the week, marked on the local day they started (or the first day)', () => {
    expect(report.alerts.map((a) => [a.kind, a.date, a.resolvedAt])).toEqual([
      ['stream-failing', '2026-10-19', null],
      ['spike', '2026-10-25', '2026-10-25T02:00:00.000Z'],
    ]);
  });

  it('complaint topics with change and the two latest examples', () => {
    // delivery: m1 m2 m6 m9 m11 = 5 vs p1 p6 = 2 → +150 %; billing: m5 m7 = 2 vs p2 p3 = 2 → 0 %.
    expect(report.topics.map((x) => [x.topic, x.complaints, x.previous, x.change])).toEqual([
      ['delivery', 5, 2, 150],
      ['billing', 2, 2, 0],
    ]);
    expect(report.topics[0]!.examples.map((e) => e.id)).toEqual([seed.ids.m9, seed.ids.m6]);
    expect(report.topics[1]!.examples.map((e) => e.id)).toEqual([seed.ids.m7, seed.ids.m5]);
  });

  it('response by priority, platform and agent, in business minutes', () => {
    const row = (r: Report['response']['byAgent'][number]) => [
      r.key,
      r.mentions,
      r.answered,
      r.due,
      r.within,
      r.late,
      r.missed,
      r.pending,
      r.medianMinutes,
      r.p90Minutes,
    ];
    // P1: m2 75 late, m6 20, m9 10 → sorted 10 20 75: median rank 2 = 20, p90 rank 3 = 75.
    // P2: m1 90, m5 120, m7 missed → median rank 1 = 90, p90 rank 2 = 120. P3: m4 30, m11 120 → 30, 120.
    // P4: m3 20 answered; m8 closed, m10 spam, m12 pending.
    expect(report.response.byPriority.map(row)).toEqual([
      ['P1', 3, 3, 3, 2, 1, 0, 0, 20, 75],
      ['P2', 3, 2, 3, 2, 0, 1, 0, 90, 120],
      ['P3', 2, 2, 2, 2, 0, 0, 0, 30, 120],
      ['P4', 4, 1, 1, 1, 0, 0, 1, 20, 20],
    ]);
    // x: m1 90, m2 75 late, m4 30, m5 120, m9 10 → 10 30 75 90 120: median rank 3 = 75, p90 rank 5 = 120; m7 missed; m8 m10 m12 not due.
    // reddit: m3 20, m6 20, m11 120 → median rank 2 = 20, p90 rank 3 = 120.
    expect(report.response.byPlatform.map(row)).toEqual([
      ['x', 9, 5, 6, 4, 1, 1, 1, 75, 120],
      ['reddit', 3, 3, 3, 3, 0, 0, 0, 20, 120],
    ]);
    // Ann: m1 90, m3 20, m5 120, m9 10 → 10 20 90 120: median rank 2 = 20, p90 rank 4 = 120.
    // Bob: m2 75 late, m4 30, m6 20, m11 120 → 20 30 75 120: median 30, p90 120.
    // Nobody: m7 missed, m8, m10, m12 pending.
    expect(report.response.byAgent.map(row)).toEqual([
      [seed.ann, 4, 4, 4, 4, 0, 0, 0, 20, 120],
      [seed.bob, 4, 4, 4, 3, 1, 0, 0, 30, 120],
      ['none', 4, 0, 1, 0, 0, 1, 1, null, null],
    ]);
    expect(report.response.byAgent.map((r) => r.label)).toEqual(['Ann', 'Bob', 'No response']);
    // Open at the week's end (no sent reply by Mon 00:00 GMT): m6 m7 m9 m12 (m8 closed, m10 spam).
    // Answered after the week: m6 m9. Missed: m7. Pending: m12.
    expect([
      report.response.openAtEnd.value,
      report.response.answeredAfter.value,
      report.response.missed.value,
      report.response.pending.value,
    ]).toEqual([4, 2, 1, 1]);
    expect(report.response.definitions.join(' ')).toMatch(/state "sent"/);
    expect(report.businessHours).toBe(
      'Europe/London; Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00, Thu 09:00–17:00, Fri 09:00–17:00; closed on 2026-10-22',
    );
  });

  it('what moved', () => {
    // Negative texts this week vs last (see rising-phrases.test.ts for the counting rules):
    // "late delivery" 4 vs 0; "parcel" 3 vs 1; "charged twice" 2 vs 1; "missing" 2 vs 1.
    expect(report.moved.risingPhrases).toEqual([
      { phrase: 'late delivery', current: 4, previous: 0, rise: 4 },
      { phrase: 'parcel', current: 3, previous: 1, rise: 2 },
      { phrase: 'charged twice', current: 2, previous: 1, rise: 1 },
      { phrase: 'missing', current: 2, previous: 1, rise: 1 },
    ]);
    expect(report.moved.engagement.available).toBe(false);
    expect(report.moved.topReach.negative.map((e) => e.authorHandle)).toEqual([
      'erin',
      'bob_c',
      'alice',
    ]); // 5000, 300, 120 followers
    expect(report.moved.topReach.positive.map((e) => e.authorHandle)).toEqual(['carol', 'frank']); // 800, 50
    // alice m1 m5, bob_c m2 m7, erin m6 m9.
    expect(
      report.moved.repeatComplainers.authors.map((a) => [a.authorHandle, a.complaints]),
    ).toEqual([
      ['alice', 2],
      ['bob_c', 2],
      ['erin', 2],
    ]);
    expect(report.moved.repeatComplainers.total).toBe(3);
  });

  it('totals agree everywhere: days, sentiments, platforms, agents and priorities add up to the headline', () => {
    const total = report.headline.mentions.value;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(report.daily.map((d) => d.total))).toBe(total);
    expect(sum(report.daily.map((d) => d.negative + d.neutral + d.positive))).toBe(total);
    for (const table of [
      report.response.byPriority,
      report.response.byPlatform,
      report.response.byAgent,
    ]) {
      expect(sum(table.map((r) => r.mentions))).toBe(total);
      expect(sum(table.map((r) => r.due))).toBe(report.headline.withinDeadline.due);
      expect(sum(table.map((r) => r.within))).toBe(report.headline.withinDeadline.within);
      expect(sum(table.map((r) => r.answered))).toBe(report.response.all.answered);
    }
    expect(report.response.all.mentions).toBe(total);
    expect(sum(report.topics.map((x) => x.complaints))).toBe(report.headline.complaints.value);
    // Negative per day adds up to the negative count behind net sentiment: 7.
    expect(sum(report.daily.map((d) => d.negative))).toBe(7);
  });

  it('every figure links to exactly the mentions it counts', async () => {
    const figures: [string, number | null, InboxFilter][] = [];
    const add = (name: string, f: Figure | (Figure & { due: number })) =>
      figures.push([name, f.value, f.filter]);
    add('mentions', report.headline.mentions);
    add('complaints', report.headline.complaints);
    add('spam', report.headline.spam);
    figures.push([
      'within',
      report.headline.withinDeadline.within,
      report.headline.withinDeadline.filter,
    ]);
    figures.push([
      'answered',
      report.response.all.answered,
      report.headline.firstResponseMedianMinutes.filter,
    ]);
    for (const f of ['openAtEnd', 'answeredAfter', 'missed', 'pending'] as const)
      add(f, report.response[f]);
    for (const d of report.daily) figures.push([`day ${d.date}`, d.total, d.filter]);
    for (const x of report.topics) figures.push([`topic ${x.topic}`, x.complaints, x.filter]);
    for (const r of [
      ...report.response.byPriority,
      ...report.response.byPlatform,
      ...report.response.byAgent,
    ])
      figures.push([`row ${r.key}`, r.mentions, r.filter]);
    for (const a of report.moved.repeatComplainers.authors)
      figures.push([`author ${a.authorHandle}`, a.complaints, a.filter]);
    expect(figures.length).toBeGreaterThan(25);
    for (const [name, value, filter] of figures)
      expect(await countMentionsByFilter(t.db, filter), name).toBe(value);
  });

  it('a brand with no mentions gets a report that says so', async () => {
    await t.db.insertInto('brands').values({ name: 'Quiet Co' }).execute();
    const quiet = await buildReport(t.db, {
      brand: 'Quiet Co',
      week: '2026-W43',
      asOf: SEEDED.asOf,
    });
    expect(quiet.empty).toBe(true);
    expect(quiet.summary).toBe(
      'Quiet Co had no mentions in week 2026-W43 (2026-10-19 to 2026-10-25): nothing to report.',
    );
    expect(quiet.headline.mentions.value).toBe(0);
    expect(quiet.headline.withinDeadline.value).toBeNull();
    expect(quiet.daily).toHaveLength(7);
    expect(quiet.response.byAgent).toEqual([]);
    expect(quiet.period.start).toBe('2026-10-19T00:00:00.000Z'); // no policy: UTC
  });

  it('says what is wrong with an unknown brand or a bad period', async () => {
    await expect(buildReport(t.db, { brand: 'Nope', week: '2026-W43' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      buildReport(t.db, { brand: SEEDED.brand, week: '2026-W54' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('does not exist'),
    });
    await expect(
      buildReport(t.db, { brand: SEEDED.brand, from: '2026-10-10', to: '2026-10-01' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('a date range gives the same counts as the week it spans, and a previous range of equal length', async () => {
    const range = await buildReport(t.db, {
      brand: seed.brandId,
      from: '2026-10-19',
      to: '2026-10-25',
      asOf: SEEDED.asOf,
    });
    expect(range.period.label).toBe('2026-10-19..2026-10-25');
    expect(range.previousPeriod).toMatchObject({ from: '2026-10-12', to: '2026-10-18' });
    expect(range.headline).toEqual(report.headline);
    expect(range.response.byAgent).toEqual(report.response.byAgent);
  });

  it('replies after asOf are not counted: earlier, m6 and m9 are unanswered and missed or pending', async () => {
    // As of Mon 26 Oct 09:15Z: m9 answered 09:10 (10 min); m6 (reply 09:20) not yet: unanswered, due 10:00 → pending.
    // m7 due 11:00 → pending; m12 pending. Due = 7 answered (m1 m2 m3 m4 m5 m9 m11) + 0 missed.
    const early = await buildReport(t.db, {
      brand: SEEDED.brand,
      week: SEEDED.week,
      asOf: new Date('2026-10-26T09:15:00Z'),
    });
    expect([early.headline.withinDeadline.within, early.headline.withinDeadline.due]).toEqual([
      6, 7,
    ]);
    expect([
      early.response.missed.value,
      early.response.pending.value,
      early.response.answeredAfter.value,
    ]).toEqual([0, 3, 1]);
    // Sorted 10 20 30 75 90 120 120: median rank 4 = 75, p90 rank ceil(6.3) = 7 → 120.
    expect([
      early.headline.firstResponseMedianMinutes.value,
      early.headline.firstResponseP90Minutes.value,
    ]).toEqual([75, 120]);
  });
});
