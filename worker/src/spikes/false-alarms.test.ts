import { describe, expect, it } from 'vitest';
import { falseAlarmFactor, hourOfWeek, stricterRule, type FalseAlarmHours } from './false-alarms.ts';
import { newBrandSpikeState, profileDue, refreshBrandProfile, tickBrand } from './live-tick.ts';
import { resolveSpikeRule } from './rule.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type SlotHistory } from './seasonal-baseline.ts';
import { MONDAY, negBinSample, seededRandom, weeklyRhythm } from './synthetic-series.ts';

const WEEK_MS = 7 * DAY_MS;

/**
 * Three weeks of a brand's normal traffic and a 2.5× storm for 40 minutes starting at
 * `stormAt` in week four, through the live tick minute by minute with the false-alarm factor
 * applied as run-spike-tick.ts applies it. Returns the minutes at which an alert was raised.
 */
function runStorm(stormAt: number, marks: FalseAlarmHours): number[] {
  const rule = resolveSpikeRule({});
  const end = stormAt + 3 * HOUR_MS;
  const random = seededRandom(5);
  const minutes = new Float64Array((end - MONDAY) / MINUTE_MS);
  for (let m = 0; m < minutes.length; m++) {
    const at = MONDAY + m * MINUTE_MS;
    const storm = at >= stormAt && at < stormAt + 40 * MINUTE_MS ? 2.5 : 1;
    minutes[m] = negBinSample(random, (storm * weeklyRhythm(at, 240)) / 60, 0.02);
  }
  const hourSums = new Float64Array(Math.ceil(minutes.length / 60));
  minutes.forEach((v, m) => (hourSums[Math.floor(m / 60)]! += v));
  let state = newBrandSpikeState(rule);
  const raised: number[] = [];
  for (let m = 0; m < minutes.length; m++) {
    const at = MONDAY + m * MINUTE_MS;
    if (profileDue(state, at, 17)) {
      const currentHour = Math.floor(m / 60);
      const history: SlotHistory = {
        rate: (h) => {
          const i = h - MONDAY / HOUR_MS;
          return i >= 0 && i < currentHour ? hourSums[i]! / 60 : undefined;
        },
      };
      state = refreshBrandProfile(state, history, at, rule);
    }
    const recent = Array.from({ length: rule.windowMinutes }, (_, i) => (m - i >= 0 ? minutes[m - i]! : 0));
    const outcome = tickBrand(state, recent, at, stricterRule(rule, falseAlarmFactor(marks, at)));
    state = outcome.state;
    if (outcome.event === 'raised') raised.push(at);
  }
  return raised;
}

describe('false alarm: a marked hour of the week is judged more strictly', () => {
  it('counts hours of the week from Sunday 00:00 UTC', () => {
    expect(hourOfWeek(Date.UTC(2026, 0, 4, 0, 30))).toBe(0); // a Sunday
    expect(hourOfWeek(MONDAY + 14 * HOUR_MS)).toBe(24 + 14);
    expect(hourOfWeek(Date.UTC(2026, 0, 10, 23, 59))).toBe(167); // a Saturday
  });

  it('doubles minimum count and required excess when just marked, halves the extra every 4 weeks, ignores unreadable marks', () => {
    const at = MONDAY + 3 * WEEK_MS + 14 * HOUR_MS;
    const marks: FalseAlarmHours = { '38': { at: new Date(at - WEEK_MS).toISOString(), n: 1 } };
    expect(falseAlarmFactor(marks, at)).toBeCloseTo(1 + Math.pow(0.5, 1 / 4), 6);
    expect(falseAlarmFactor(marks, at + 3 * WEEK_MS)).toBeCloseTo(1.5, 6);
    expect(falseAlarmFactor(marks, at + HOUR_MS)).toBe(1); // 15:00 was not marked
    expect(falseAlarmFactor({ '38': { at: 'yesterday', n: 1 } }, at)).toBe(1);
    expect(falseAlarmFactor(null, at)).toBe(1);
    const rule = resolveSpikeRule({});
    const strict = stricterRule(rule, 2);
    expect(strict.minCount).toBe(rule.minCount * 2);
    expect(strict.percentAbove).toBe(rule.percentAbove * 2);
    expect(stricterRule(rule, 1)).toBe(rule);
  });

  it('the same 2.5× storm alarms on an unmarked Monday 14:00 (within 30 min) but not once that hour was marked a false alarm a week before; a storm at 10:00 still alarms', () => {
    const stormAt = MONDAY + 3 * WEEK_MS + 14 * HOUR_MS;
    const markedLastWeek = (hour: number): FalseAlarmHours => ({
      [String(hour)]: { at: new Date(stormAt - WEEK_MS).toISOString(), n: 1 },
    });
    const unmarked = runStorm(stormAt, {});
    expect(unmarked).toHaveLength(1);
    expect((unmarked[0]! - stormAt) / MINUTE_MS).toBeGreaterThanOrEqual(0);
    expect((unmarked[0]! - stormAt) / MINUTE_MS).toBeLessThanOrEqual(30);

    expect(runStorm(stormAt, markedLastWeek(hourOfWeek(stormAt)))).toEqual([]);

    // The same marks, a storm four hours earlier the same day: still alerted.
    const morning = stormAt - 4 * HOUR_MS;
    const other = runStorm(morning, markedLastWeek(hourOfWeek(stormAt)));
    expect(other).toHaveLength(1);
    expect((other[0]! - morning) / MINUTE_MS).toBeLessThanOrEqual(30);
  });
});
