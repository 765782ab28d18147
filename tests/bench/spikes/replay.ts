// The airline tweets as one brand's normal traffic, minute by minute, for as many weeks as a
// benchmark needs. Data: worker/data/airline-tweets/dev.csv — "Twitter US Airline Sentiment",
// Figure Eight / Crowdflower "Data for Everyone", CC BY-NC-SA 4.0.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../../worker/src/analysis/index.ts';
import { poissonSample } from '../../../worker/src/spikes/synthetic-series.ts';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const WEEK = 7 * DAY;
export const MINUTES_PER_WEEK = WEEK / MINUTE;

/** tweet_created is "M/D/YYYY H:MM" (the publisher's local time; read as UTC, only the rhythm matters). */
function parseCreated(text: string): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`Unexpected tweet_created "${text}"`);
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]));
}

/**
 * One week of negative tweets per minute: the seven full days in the data (Tue 17 Feb 2015
 * 00:00 to Mon 23 Feb 24:00), which include American's cancellations storm of 22–23 Feb.
 * Index 0 is Tuesday 00:00.
 */
export function baseWeek(): { start: number; negative: Float64Array; total: number } {
  const csv = readFileSync(
    fileURLToPath(new URL('../../../worker/data/airline-tweets/dev.csv', import.meta.url)),
    'utf8',
  );
  const [header, ...rows] = parseCsv(csv);
  const sentimentAt = header!.indexOf('airline_sentiment');
  const createdAt = header!.indexOf('tweet_created');
  const start = Date.UTC(2015, 1, 17);
  const negative = new Float64Array(MINUTES_PER_WEEK);
  let total = 0;
  for (const row of rows) {
    if (row[sentimentAt] !== 'negative') continue;
    const minute = (parseCreated(row[createdAt]!) - start) / MINUTE;
    if (minute < 0 || minute >= MINUTES_PER_WEEK) continue;
    negative[minute]! += 1;
    total++;
  }
  return { start, negative, total };
}

/**
 * `weeks` weeks of minute counts built from the base week: every real tweet kept with the
 * week's volume (85–100%, so weeks differ) and moved by up to ±`jitterMinutes`, which keeps
 * the data's own bursts and threads; a brand `scale` times bigger gets (scale − 1)× as many
 * independent mentions on top, at the same hour-of-week rhythm. (Copying each tweet `scale`
 * times instead would make every complaint a pile of identical copies: a burstiness no brand has.)
 */
export function replayWeeks(
  base: Float64Array,
  weeks: number,
  scale: number,
  random: () => number,
  jitterMinutes = 5,
): Float64Array {
  const out = new Float64Array(weeks * MINUTES_PER_WEEK);
  const hourly = hourlyMeans(base, 1);
  for (let w = 0; w < weeks; w++) {
    const volume = 0.85 + 0.15 * random();
    for (let m = 0; m < MINUTES_PER_WEEK; m++) {
      for (let k = 0; k < base[m]!; k++) {
        if (random() >= volume) continue;
        const at = w * MINUTES_PER_WEEK + m + Math.round((2 * random() - 1) * jitterMinutes);
        if (at >= 0 && at < out.length) out[at]! += 1;
      }
      if (scale > 1)
        out[w * MINUTES_PER_WEEK + m]! += poissonSample(
          random,
          (scale - 1) * volume * hourly[Math.floor(m / 60)]!,
        );
    }
  }
  return out;
}

/** The base week's mean negative tweets per minute for each hour of the week (what a storm multiplies). */
export function hourlyMeans(base: Float64Array, scale: number): Float64Array {
  const hours = new Float64Array(MINUTES_PER_WEEK / 60);
  for (let m = 0; m < MINUTES_PER_WEEK; m++) hours[Math.floor(m / 60)]! += (base[m]! * scale) / 60;
  return hours;
}
