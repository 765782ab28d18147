import { describe, expect, it } from 'vitest';
import { resolveSpikeRule, type AlertRuleInput } from './rule.ts';
import { SeriesDetector } from './series-detector.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './seasonal-baseline.ts';
import { MONDAY, negBinSample, seededRandom, weeklyRhythm } from './synthetic-series.ts';

// Every scenario is a seeded simulation with a known storm. Tolerances (stated per test) are
// the delay from the storm's start to the alert; "quiet" means no alert anywhere else in the
// series, warm-up included.

interface Storm {
  start: number;
  minutes: number;
  /** Multiplies the normal rate, as a function of minutes since the start. */
  factor: (minute: number) => number;
}

interface Scenario {
  days: number;
  peakPerHour: number;
  seed: number;
  stepMinutes?: number;
  /** Rate scatter from step to step (negative binomial α). */
  alpha?: number;
  storms?: Storm[];
  /** Multiplies the normal rate (a holiday, the weekly rhythm); defaults to 1. */
  modulate?: (at: number) => number;
  rule?: AlertRuleInput;
}

function simulate(s: Scenario): {
  alerts: number[];
  scores: Map<number, number>;
  detector: SeriesDetector;
} {
  const step = (s.stepMinutes ?? 1) * MINUTE_MS;
  const random = seededRandom(s.seed);
  const detector = new SeriesDetector(step, resolveSpikeRule(s.rule ?? {}));
  const alerts: number[] = [];
  const scores = new Map<number, number>();
  for (let at = MONDAY; at < MONDAY + s.days * DAY_MS; at += step) {
    let mean = (weeklyRhythm(at, s.peakPerHour) * step) / HOUR_MS;
    mean *= s.modulate?.(at) ?? 1;
    for (const storm of s.storms ?? []) {
      if (at >= storm.start && at < storm.start + storm.minutes * MINUTE_MS)
        mean *= storm.factor((at - storm.start) / MINUTE_MS);
    }
    const judged = detector.push(at, negBinSample(random, mean, s.alpha ?? 0.02));
    scores.set(at, judged.score);
    if (judged.alert) alerts.push(at);
  }
  return { alerts, scores, detector };
}

const at = (day: number, hour: number, minute = 0) =>
  MONDAY + day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
const minutesAfter = (t: number, start: number) => (t - start) / MINUTE_MS;

describe('SeriesDetector on synthetic series with known answers', () => {
  it('step: a level that jumps to 4× is alerted within 10 minutes, once, and nothing else is raised', () => {
    const start = at(23, 14); // Wednesday of week 4, 14:00
    const { alerts } = simulate({
      days: 24,
      peakPerHour: 120,
      seed: 1,
      storms: [{ start, minutes: 180, factor: () => 4 }],
    });
    expect(alerts).toHaveLength(1);
    expect(minutesAfter(alerts[0]!, start)).toBeGreaterThanOrEqual(0);
    expect(minutesAfter(alerts[0]!, start)).toBeLessThanOrEqual(10);
  });

  it('ramp: a rise from normal to 6× over two hours is alerted before it reaches 3× (60 minutes)', () => {
    const start = at(22, 11);
    const { alerts } = simulate({
      days: 23,
      peakPerHour: 120,
      seed: 2,
      storms: [{ start, minutes: 150, factor: (m) => 1 + (5 * Math.min(m, 120)) / 120 }],
    });
    expect(alerts).toHaveLength(1);
    expect(minutesAfter(alerts[0]!, start)).toBeGreaterThan(0);
    expect(minutesAfter(alerts[0]!, start)).toBeLessThanOrEqual(60);
  });

  it('single outlier: one minute with twenty times its normal count is alerted on that very minute', () => {
    const start = at(21, 15, 7);
    const { alerts, scores } = simulate({
      days: 22,
      peakPerHour: 120,
      seed: 3,
      storms: [{ start, minutes: 1, factor: () => 20 }],
    });
    expect(alerts).toEqual([start]);
    expect(scores.get(start)).toBeGreaterThanOrEqual(0.5);
  });

  it('weekly rhythm: five quiet weeks raise nothing, and 3× a Sunday morning is alerted within 5 minutes though it is less than 2× a weekday’s normal', () => {
    // Weekends run at 60% of weekdays: 3× a Sunday is 1.8× a weekday, which a flat baseline would miss.
    // Sunday 10:00 normal is about 3.3 a minute, a weekday's 5.5: 3× Sunday is 1.8× a weekday.
    const quiet = simulate({ days: 35, peakPerHour: 600, seed: 4 });
    expect(quiet.alerts).toEqual([]);
    const start = at(34, 10); // Sunday of week 5
    const { alerts } = simulate({
      days: 35,
      peakPerHour: 600,
      seed: 4,
      storms: [{ start, minutes: 60, factor: () => 3 }],
    });
    expect(alerts).toHaveLength(1);
    expect(minutesAfter(alerts[0]!, start)).toBeGreaterThanOrEqual(0);
    expect(minutesAfter(alerts[0]!, start)).toBeLessThanOrEqual(5);
  });

  it('holiday dip: a weekday at 20% raises nothing, nor does the return to normal the day after; a 4× storm two days later is alerted within 15 minutes', () => {
    const holiday = (t: number) => (t >= at(22, 0) && t < at(23, 0) ? 0.2 : 1);
    const start = at(24, 13);
    const { alerts } = simulate({
      days: 25,
      peakPerHour: 120,
      seed: 5,
      modulate: holiday,
      storms: [{ start, minutes: 30, factor: () => 4 }],
    });
    expect(alerts).toHaveLength(1);
    expect(minutesAfter(alerts[0]!, start)).toBeGreaterThanOrEqual(0);
    expect(minutesAfter(alerts[0]!, start)).toBeLessThanOrEqual(15);
  });

  it('small brand (0–3 mentions an hour): four quiet weeks raise nothing; 25 mentions in half an hour are alerted within 30 minutes', () => {
    const quiet = simulate({ days: 28, peakPerHour: 3, seed: 6, alpha: 0.1 });
    expect(quiet.alerts).toEqual([]);
    const start = at(26, 15);
    // Afternoon normal is about 3 an hour; the storm adds about 25 in 30 minutes.
    const { alerts } = simulate({
      days: 28,
      peakPerHour: 3,
      seed: 6,
      alpha: 0.1,
      storms: [{ start, minutes: 30, factor: () => 17 }],
    });
    expect(alerts).toHaveLength(1);
    expect(minutesAfter(alerts[0]!, start)).toBeLessThanOrEqual(30);
  });

  it('one day of history: on its second day a brand’s 4× storm is alerted within 10 minutes from recent hours and yesterday', () => {
    const start = at(1, 14);
    const run = simulate({
      days: 2,
      peakPerHour: 60,
      seed: 7,
      storms: [{ start, minutes: 30, factor: () => 4 }],
    });
    expect(run.alerts).toHaveLength(1);
    expect(minutesAfter(run.alerts[0]!, start)).toBeLessThanOrEqual(10);
    expect(simulate({ days: 2, peakPerHour: 60, seed: 7 }).alerts).toEqual([]);
  });

  it('hourly series: a 5× hour is alerted on that hour, and quiet weeks raise nothing', () => {
    const start = at(29, 15);
    const { alerts } = simulate({
      days: 30,
      peakPerHour: 40,
      seed: 8,
      stepMinutes: 60,
      storms: [{ start, minutes: 60, factor: () => 5 }],
    });
    expect(alerts).toEqual([start]);
  });

  it('one storm is one alert: a storm that comes back within the cooldown reopens the same alert; one hours later raises a new one', () => {
    const first = at(21, 10);
    const back = at(21, 11, 10); // 40 minutes after the first ended, inside the 60-minute cooldown
    const later = at(21, 17);
    const storms = [first, back, later].map((start) => ({ start, minutes: 30, factor: () => 4 }));
    const { alerts } = simulate({ days: 22, peakPerHour: 120, seed: 9, storms });
    expect(alerts).toHaveLength(2);
    expect(minutesAfter(alerts[0]!, first)).toBeLessThanOrEqual(10);
    expect(minutesAfter(alerts[1]!, later)).toBeGreaterThanOrEqual(0);
    expect(minutesAfter(alerts[1]!, later)).toBeLessThanOrEqual(10);
  });

  it('a dip never alarms, however deep', () => {
    const { alerts, scores } = simulate({
      days: 22,
      peakPerHour: 120,
      seed: 10,
      storms: [{ start: at(21, 9), minutes: 240, factor: () => 0 }],
    });
    expect(alerts).toEqual([]);
    for (let t = at(21, 9); t < at(21, 13); t += MINUTE_MS) expect(scores.get(t)).toBe(0);
  });
});
