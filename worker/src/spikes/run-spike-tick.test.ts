import { insertMentionsCounted, type NewMention } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpikeExplanation } from './explain-spike.ts';
import { runSpikeTick, type SpikeAlertDetails } from './run-spike-tick.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './seasonal-baseline.ts';
import { poissonSample, seededRandom, weeklyRhythm } from './synthetic-series.ts';

// A Wednesday 13:00 UTC; brands have four weeks of hour rollups behind it, then minute
// rollups minute by minute while ticks run, as the analyze stage would write them.
const T0 = Date.UTC(2026, 10, 18, 13);
const PEAK_NEGATIVE_PER_HOUR = 300;
const STORM_FROM = T0 + 40 * MINUTE_MS;
const STORM_MINUTES = 30;

type RollupRow = {
  brand_id: string;
  platform: string;
  bucket: Date;
  total: number;
  negative: number;
};
/** A rollup row of negative mentions only (the other counts zero, as the table's check wants). */
const full = (r: RollupRow) => ({
  ...r,
  neutral: 0,
  positive: 0,
  complaint: 0,
  question: 0,
  praise: 0,
  other: 0,
  spam: 0,
});

describe('runSpikeTick: live detection on rollups in PostgreSQL', () => {
  let t: TestDb;
  let stormy: string;
  let quiet: string;
  const minuteCounts = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    t = await createTestDb();
    const created = new Date(T0 - 28 * DAY_MS);
    [stormy, quiet] = (
      await t.db
        .insertInto('brands')
        .values([
          { name: 'Stormy', created_at: created },
          { name: 'Quiet', created_at: created },
        ])
        .returning('id')
        .execute()
    ).map((r) => r.id) as [string, string];
    const random = seededRandom(5);
    const hourRows: RollupRow[] = [];
    for (const brand of [stormy, quiet]) {
      const counts = new Map<number, number>();
      // Minutes from two hours before T0 to three hours after; the storm only for one brand.
      for (let at = T0 - 2 * HOUR_MS; at < T0 + 3 * HOUR_MS; at += MINUTE_MS) {
        const storm =
          brand === stormy && at >= STORM_FROM && at < STORM_FROM + STORM_MINUTES * MINUTE_MS
            ? 4
            : 1;
        counts.set(
          at,
          poissonSample(random, (storm * weeklyRhythm(at, PEAK_NEGATIVE_PER_HOUR)) / 60),
        );
      }
      minuteCounts.set(brand, counts);
      for (let hour = T0 - 28 * DAY_MS; hour < T0 - 2 * HOUR_MS; hour += HOUR_MS) {
        const n = poissonSample(random, weeklyRhythm(hour + HOUR_MS / 2, PEAK_NEGATIVE_PER_HOUR));
        if (n > 0)
          hourRows.push({
            brand_id: brand,
            platform: 'demo',
            bucket: new Date(hour),
            total: n,
            negative: n,
          });
      }
      for (let hour = T0 - 2 * HOUR_MS; hour < T0 + 3 * HOUR_MS; hour += HOUR_MS) {
        let n = 0;
        for (let m = 0; m < 60; m++) n += counts.get(hour + m * MINUTE_MS) ?? 0;
        hourRows.push({
          brand_id: brand,
          platform: 'demo',
          bucket: new Date(hour),
          total: n,
          negative: n,
        });
      }
    }
    // Mentions behind the stormy brand's counts, for the explanation (the rollups built above are what
    // detection reads; these are a sample of the texts): a week of everyday complaints, then a
    // storm in which most mentions say "refund refused".
    const everyday = ['flight delayed again', 'customer service is slow', 'app keeps crashing', 'seat was broken'];
    const texts: NewMention[] = [];
    for (let i = 0; i < 280; i++)
      texts.push(
        buildMention(stormy, {
          text: everyday[i % everyday.length]!,
          author_handle: `regular${i % 90}`,
          posted_at: new Date(T0 - 7 * DAY_MS + i * 36 * MINUTE_MS),
        }),
      );
    for (let m = 0; m < STORM_MINUTES; m++)
      for (let k = 0; k < 3; k++)
        texts.push(
          buildMention(stormy, {
            text: k < 2 ? `refund refused, ${everyday[(m + k) % everyday.length]} #RefundNow` : everyday[m % everyday.length]!,
            author_handle: `storm${m}-${k}`,
            posted_at: new Date(STORM_FROM + m * MINUTE_MS + k * 1000),
          }),
        );
    await insertMentionsCounted(t.db, texts);
    // The texts are here for the explanation; the minute counts the ticks judge are the ones
    // insertMinutes writes, so forget what storing the texts counted before writing those.
    await t.db.deleteFrom('rollup_minutes').where('brand_id', '=', stormy).execute();
    await t.db.deleteFrom('rollup_hours').where('brand_id', '=', stormy).execute();
    for (let i = 0; i < hourRows.length; i += 1000)
      await t.db
        .insertInto('rollup_hours')
        .values(hourRows.slice(i, i + 1000).map(full))
        .execute();
    // The two hours of minutes before T0.
    await insertMinutes(T0 - 2 * HOUR_MS, T0);
  });
  afterAll(async () => t.drop());

  async function insertMinutes(from: number, to: number): Promise<void> {
    const rows: RollupRow[] = [];
    for (const [brand, counts] of minuteCounts) {
      for (let at = from; at < to; at += MINUTE_MS) {
        const n = counts.get(at) ?? 0;
        if (n > 0)
          rows.push({
            brand_id: brand,
            platform: 'demo',
            bucket: new Date(at),
            total: n,
            negative: n,
          });
      }
    }
    if (rows.length > 0) await t.db.insertInto('rollup_minutes').values(rows.map(full)).execute();
  }

  it('gives every brand, existing or new, a default rule for negative mentions', async () => {
    const rules = await t.db
      .selectFrom('alert_rules')
      .select(['brand_id', 'rule', 'is_default', 'enabled'])
      .orderBy('brand_id')
      .execute();
    expect(rules).toHaveLength(2);
    for (const r of rules)
      expect(r).toMatchObject({ rule: { metric: 'negative' }, is_default: true, enabled: true });
    const [later] = await t.db
      .insertInto('brands')
      .values({ name: 'Later', created_at: new Date(T0) })
      .returning('id')
      .execute();
    const rule = await t.db
      .selectFrom('alert_rules')
      .select('rule')
      .where('brand_id', '=', later!.id)
      .executeTakeFirstOrThrow();
    expect(rule.rule).toEqual({ metric: 'negative' });
  });

  it('opens one alert for the storm within minutes, explains it, grows it, closes it when calm, and judges each minute once', async () => {
    // A second rule on the stormy brand: the negative share. Every mention here is negative,
    // storm or not, so the share never moves and this rule must stay quiet.
    const [shareRule] = await t.db
      .insertInto('alert_rules')
      .values({
        brand_id: stormy,
        name: 'Negative share',
        rule: JSON.stringify({ metric: 'negative_share' }),
      })
      .returning('id')
      .execute();
    const events: { at: number; raised: number; closed: number }[] = [];
    let explainedAtRaise: SpikeExplanation | undefined;
    let tightenedMention: string | undefined;
    for (let at = T0; at < T0 + 150 * MINUTE_MS; at += MINUTE_MS) {
      // The minute's rollups exist (the analyze stage wrote them), then the tick after it runs.
      await insertMinutes(at, at + MINUTE_MS);
      const result = await runSpikeTick(t.db, { now: new Date(at + MINUTE_MS + 5_000) });
      expect(result.minute.getTime()).toBe(at);
      expect(result.locked).toBe(false);
      if (result.raised || result.closed)
        events.push({ at, raised: result.raised, closed: result.closed });
      if (result.raised) {
        expect(result.explained).toBe(1);
        const row = await t.db.selectFrom('alerts').select(['id', 'details']).where('rule_id', 'is not', null).executeTakeFirstOrThrow();
        explainedAtRaise = (row.details as SpikeAlertDetails).explanation;
        // A manager halves the brand's deadlines for the incident; a mention arrives with one.
        await t.db.updateTable('incidents').set({ deadline_factor: 0.5, deadline_since: new Date(at) }).where('alert_id', '=', row.id).execute();
        const postedAt = new Date(at + MINUTE_MS);
        tightenedMention = (
          await t.db
            .insertInto('mentions')
            .values(buildMention(stormy, { priority: 2, posted_at: postedAt, sla_due_at: new Date(postedAt.getTime() + 30 * MINUTE_MS) }))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      if (at === STORM_FROM + 20 * MINUTE_MS) {
        const open = await t.db
          .selectFrom('alerts')
          .selectAll()
          .where('rule_id', 'is not', null)
          .execute();
        expect(open).toHaveLength(1);
        expect(open[0]).toMatchObject({
          kind: 'spike',
          brand_id: stormy,
          status: 'open',
          resolved_at: null,
        });
        expect(open[0]!.total).toBeGreaterThan(open[0]!.peak!);
      }
    }
    const raised = events.filter((e) => e.raised > 0);
    expect(raised).toHaveLength(1);
    expect((raised[0]!.at - STORM_FROM) / MINUTE_MS).toBeGreaterThanOrEqual(0);
    expect((raised[0]!.at - STORM_FROM) / MINUTE_MS).toBeLessThanOrEqual(10);
    const closed = events.filter((e) => e.closed > 0);
    expect(closed).toHaveLength(1);
    // Closed once calm for closeAfter (30 min) after the storm's end, give or take the long windows.
    expect(
      (closed[0]!.at - (STORM_FROM + STORM_MINUTES * MINUTE_MS)) / MINUTE_MS,
    ).toBeGreaterThanOrEqual(29);
    expect(
      (closed[0]!.at - (STORM_FROM + STORM_MINUTES * MINUTE_MS)) / MINUTE_MS,
    ).toBeLessThanOrEqual(60);

    const alerts = await t.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule_id', 'is not', null)
      .execute();
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.rule_id).not.toBe(shareRule!.id);
    const shareState = await t.db
      .selectFrom('alert_rule_states')
      .select('state')
      .where('rule_id', '=', shareRule!.id)
      .executeTakeFirstOrThrow();
    expect(
      (shareState.state as { state: { profile: { shares: number[] } } }).state.profile.shares.every(
        (x) => x === 1,
      ),
    ).toBe(true);
    expect(alert).toMatchObject({ kind: 'spike', brand_id: stormy, status: 'closed' });
    expect(alert.resolved_at).not.toBeNull();
    // Closed by the detector itself: the incident's shorter deadline is given back (issue #8).
    const given = await t.db.selectFrom('mentions').select(['posted_at', 'sla_due_at']).where('id', '=', tightenedMention!).executeTakeFirstOrThrow();
    expect((given.sla_due_at.getTime() - given.posted_at.getTime()) / MINUTE_MS).toBe(60);
    expect(alert.started_at!.getTime()).toBe(raised[0]!.at);
    const details = alert.details as SpikeAlertDetails;
    expect(details).toMatchObject({
      metric: 'negative',
      baseline: 'weekly',
      rule: { sensitivity: 'balanced', windowMinutes: 60 },
    });
    expect(details.observed).toBeGreaterThan(2 * details.expected);
    expect(details.factor).toBeCloseTo(details.observed / details.expected, 0);
    expect(alert.message).toMatch(
      /^Negative mentions: \d+ in \d+ min, [\d.]+× the [\d.]+ normal for this hour of the week, Wednesday 1\d:00 UTC\. Driven by "refund refused" \(\d+% of them, 0% normally\)/,
    );
    // Explained when it opened, and again once the storm had more than doubled; the explanation
    // (and its sentence in the message) stays when the alert grows and closes.
    expect(explainedAtRaise?.phrases[0]?.term).toBe('refund refused');
    const explanation = details.explanation!;
    expect(explanation.total).toBeGreaterThanOrEqual(2 * explainedAtRaise!.total);
    expect(explanation.phrases[0]).toMatchObject({ term: 'refund refused', baselineShare: 0 });
    expect(explanation.phrases.map((p) => p.term)).not.toContain('flight delayed');
    expect(explanation.hashtags[0]!.term).toBe('#refundnow');
    expect(Date.parse(explanation.from)).toBeLessThanOrEqual(raised[0]!.at);
    // One notification in the outbox for the storm, about this alert, with the explanation.
    const notifications = await t.db.selectFrom('notifications').selectAll().execute();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      kind: 'spike',
      brand_id: stormy,
      source_id: alert.id,
      severity: 'high',
      title: 'Negative mentions spike',
    });
    expect(notifications[0]!.text).toMatch(/^Negative mentions: \d+ in \d+ min, .* Driven by "refund refused"/);
    expect(notifications[0]!.link_path).toBe(
      `/inbox?brandId=${stormy}&postedFrom=${encodeURIComponent(explainedAtRaise!.from)}&postedBefore=${encodeURIComponent(explainedAtRaise!.before)}&sentiment=negative`,
    );
    const sent = notifications[0]!.details as { examples: { text: string }[] };
    expect(sent.examples.length).toBeGreaterThanOrEqual(3);
    for (const x of sent.examples) expect(x.text).toContain('refund refused');
    // The storm's mentions: its total covers the storm minutes it was open for.
    expect(alert.total).toBeGreaterThan(details.observed);

    // Each rule's state is stored; the same minute judged again changes nothing.
    const snapshot = async () => ({
      states: await t.db.selectFrom('alert_rule_states').selectAll().orderBy('rule_id').execute(),
      alerts: await t.db.selectFrom('alerts').selectAll().orderBy('id').execute(),
    });
    const before = await snapshot();
    expect(before.states.length).toBeGreaterThanOrEqual(3);
    const again = await runSpikeTick(t.db, {
      now: new Date(T0 + 149 * MINUTE_MS + MINUTE_MS + 5_000),
    });
    expect(again).toMatchObject({ raised: 0, reopened: 0, closed: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('after a cold start rebuilds at most maxRebuilds profiles a tick, rules with none first, until all have one', async () => {
    const db = await createTestDb();
    try {
      const created = new Date(T0 - 28 * DAY_MS);
      const brands = await db.db
        .insertInto('brands')
        .values([1, 2, 3].map((i) => ({ name: `B${i}`, created_at: created })))
        .returning('id')
        .execute();
      const hours = Array.from({ length: 48 }, (_, i) => T0 - (i + 1) * HOUR_MS);
      await db.db
        .insertInto('rollup_hours')
        .values(
          brands.flatMap((b) =>
            hours.map((h) =>
              full({
                brand_id: b.id,
                platform: 'demo',
                bucket: new Date(h),
                total: 30,
                negative: 30,
              }),
            ),
          ),
        )
        .execute();
      const rebuilt: number[] = [];
      const judged: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await runSpikeTick(db.db, {
          now: new Date(T0 + i * MINUTE_MS + MINUTE_MS + 1_000),
          maxRebuilds: 1,
        });
        rebuilt.push(r.profilesRebuilt);
        judged.push(r.judged);
      }
      expect(rebuilt).toEqual([1, 1, 1, 0]);
      expect(judged).toEqual([1, 2, 3, 3]);
    } finally {
      await db.drop();
    }
  });

  it('skips a rule it cannot read, saying why, and leaves the others alone', async () => {
    await t.db
      .updateTable('alert_rules')
      .set({ rule: JSON.stringify({ metric: 'negative', windowMinutes: 2 }) })
      .where('brand_id', '=', quiet)
      .execute();
    const reasons: string[] = [];
    const result = await runSpikeTick(t.db, {
      now: new Date(T0 + 151 * MINUTE_MS + 5_000),
      onSkip: (_, reason) => reasons.push(reason),
    });
    expect(result.skipped).toBe(1);
    expect(reasons).toEqual(['windowMinutes must be at least 5']);
    expect(result.judged).toBeGreaterThanOrEqual(2);
  });
});
