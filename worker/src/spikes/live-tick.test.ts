import { describe, expect, it } from 'vitest';
import { newBrandSpikeState, profileDue, refreshBrandProfile, tickBrand } from './live-tick.ts';
import { resolveSpikeRule } from './rule.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type SlotHistory } from './seasonal-baseline.ts';
import { SeriesDetector } from './series-detector.ts';
import { MONDAY, negBinSample, seededRandom, weeklyRhythm } from './synthetic-series.ts';

describe('live tick (minute rollups, per-brand state) against the CLI detector', () => {
  it('raises the same storm within minutes of the series detector, and nothing else, with JSON state between ticks', () => {
    const rule = resolveSpikeRule({});
    const days = 22;
    const stormAt = MONDAY + 21 * DAY_MS + 14 * HOUR_MS;
    const random = seededRandom(11);
    const minutes = new Float64Array((days * DAY_MS) / MINUTE_MS);
    for (let m = 0; m < minutes.length; m++) {
      const at = MONDAY + m * MINUTE_MS;
      const storm = at >= stormAt && at < stormAt + 30 * MINUTE_MS ? 3 : 1;
      minutes[m] = negBinSample(random, (storm * weeklyRhythm(at, 240)) / 60, 0.02);
    }
    const hourSums = new Float64Array(minutes.length / 60);
    minutes.forEach((v, m) => (hourSums[Math.floor(m / 60)]! += v));

    const series = new SeriesDetector(MINUTE_MS, rule);
    const cliAlerts: number[] = [];
    const liveAlerts: number[] = [];
    let state = newBrandSpikeState(rule);
    const brandMinute = 17;
    for (let m = 0; m < minutes.length; m++) {
      const at = MONDAY + m * MINUTE_MS;
      if (series.push(at, minutes[m]!).alert) cliAlerts.push(at);
      if (profileDue(state, at, brandMinute)) {
        const currentHour = Math.floor(m / 60);
        // What the hour rollups say: only finished hours, nothing before the brand existed.
        const history: SlotHistory = {
          rate: (h) => {
            const i = h - MONDAY / HOUR_MS;
            return i >= 0 && i < currentHour ? hourSums[i]! / 60 : undefined;
          },
        };
        state = refreshBrandProfile(state, history, at, rule);
      }
      const recent = Array.from({ length: rule.windowMinutes }, (_, i) =>
        m - i >= 0 ? minutes[m - i]! : 0,
      );
      const outcome = tickBrand(state, recent, at, rule);
      state = JSON.parse(JSON.stringify(outcome.state)) as typeof state;
      if (outcome.event === 'raised') liveAlerts.push(at);
    }
    expect(cliAlerts).toHaveLength(1);
    expect(liveAlerts).toHaveLength(1);
    for (const at of [...cliAlerts, ...liveAlerts]) {
      expect((at - stormAt) / MINUTE_MS).toBeGreaterThanOrEqual(0);
      expect((at - stormAt) / MINUTE_MS).toBeLessThanOrEqual(10);
    }
    expect(Math.abs(liveAlerts[0]! - cliAlerts[0]!) / MINUTE_MS).toBeLessThanOrEqual(3);
    expect(state.profile?.source).toBe('weekly');
  });
});

describe('live tick: negative share of all mentions', () => {
  it('alerts when the mix turns negative, not when all traffic surges with the usual mix (which the count rule does alert)', () => {
    const days = 22;
    const surgeAt = MONDAY + 21 * DAY_MS + 10 * HOUR_MS; // 3× all traffic, the usual 20% negative
    const sourAt = MONDAY + 21 * DAY_MS + 15 * HOUR_MS; // the usual traffic, 60% negative
    const random = seededRandom(12);
    const n = (days * DAY_MS) / MINUTE_MS;
    const totals = new Float64Array(n);
    const negatives = new Float64Array(n);
    for (let m = 0; m < n; m++) {
      const at = MONDAY + m * MINUTE_MS;
      const surge = at >= surgeAt && at < surgeAt + 30 * MINUTE_MS ? 3 : 1;
      const share = at >= sourAt && at < sourAt + 30 * MINUTE_MS ? 0.6 : 0.2;
      totals[m] = negBinSample(random, (surge * weeklyRhythm(at, 600)) / 60, 0.02);
      for (let k = 0; k < totals[m]!; k++) if (random() < share) negatives[m]! += 1;
    }
    const hourOf = (series: Float64Array) => {
      const sums = new Float64Array(n / 60);
      series.forEach((v, m) => (sums[Math.floor(m / 60)]! += v));
      return sums;
    };
    const negativeHours = hourOf(negatives);
    const totalHours = hourOf(totals);
    const run = (rule: ReturnType<typeof resolveSpikeRule>) => {
      let state = newBrandSpikeState(rule);
      const raised: number[] = [];
      for (let m = 0; m < n; m++) {
        const at = MONDAY + m * MINUTE_MS;
        if (profileDue(state, at, 23)) {
          const currentHour = Math.floor(m / 60);
          const view = (sums: Float64Array): SlotHistory => ({
            rate: (h) => {
              const i = h - MONDAY / HOUR_MS;
              return i >= 0 && i < currentHour ? sums[i]! / 60 : undefined;
            },
          });
          state = refreshBrandProfile(
            state,
            view(negativeHours),
            at,
            rule,
            rule.metric === 'negative_share' ? view(totalHours) : undefined,
          );
        }
        const window = (series: Float64Array) =>
          Array.from({ length: rule.windowMinutes }, (_, i) => (m - i >= 0 ? series[m - i]! : 0));
        const outcome = tickBrand(
          state,
          window(negatives),
          at,
          rule,
          rule.metric === 'negative_share' ? { totals: window(totals) } : {},
        );
        state = outcome.state;
        if (outcome.event === 'raised') raised.push(at);
      }
      return raised;
    };
    const share = run(resolveSpikeRule({ metric: 'negative_share' }));
    expect(share).toHaveLength(1);
    expect((share[0]! - sourAt) / MINUTE_MS).toBeGreaterThanOrEqual(0);
    expect((share[0]! - sourAt) / MINUTE_MS).toBeLessThanOrEqual(10);
    const count = run(resolveSpikeRule({ metric: 'negative' }));
    // The count rule sees both: the surge (3× the negatives) and the sour mix (3× the negatives).
    expect(count.some((at) => at >= surgeAt && at < surgeAt + 30 * MINUTE_MS)).toBe(true);
    expect(count.some((at) => at >= sourAt && at < sourAt + 30 * MINUTE_MS)).toBe(true);
  });
});
