// What is normal for one slot of the week (an hour, for series of an hour or finer), learnt
// from the series' own past. Pure functions over a read-only view of past slots, so the
// streaming detector (CLI) and the live tick (hour rollups) compute the same thing.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** How many past weeks the weekly median looks at: 5 outvotes two weeks that had a storm. */
export const WEEKS_LOOKED_BACK = 5;
/** Weekly values needed before the weekly median is trusted over the daily one. */
export const MIN_WEEKS = 2;
/** Daily fallback: the same hour on up to this many past days, at least MIN_DAYS of them. */
export const DAYS_LOOKED_BACK = 7;
export const MIN_DAYS = 2;
/** Recent fallback (a brand younger than two days): the median of the last hours. */
export const RECENT_SLOTS = 6;
/** Before this many slots (hours) of history nothing is judged: one hour says little. */
export const MIN_RECENT_SLOTS = 3;
/** No slot is expected to be quieter than this share of the brand's mean over the last week. */
export const FLOOR_SHARE_OF_MEAN = 0.05;

export type BaselineSource = 'weekly' | 'daily' | 'recent';

/** The past as the baseline sees it: mean count per step in a completed slot, if it is known. */
export interface SlotHistory {
  /** Mean count per step of slot `n` (absolute slot number, time / slotMs), or undefined. */
  rate(n: number): number | undefined;
}

export interface SlotGeometry {
  slotMs: number;
  /** Slots per week, or 0 when a week is not a whole number of slots (no weekly rhythm). */
  slotsPerWeek: number;
  /** Slots per day, or 0 when a day is not a whole number of slots. */
  slotsPerDay: number;
}

/** Slots are an hour long, or one step when steps are longer than an hour. */
export function slotGeometry(intervalMs: number): SlotGeometry {
  const slotMs = Math.max(intervalMs, HOUR_MS);
  return {
    slotMs,
    slotsPerWeek: WEEK_MS % slotMs === 0 ? WEEK_MS / slotMs : 0,
    slotsPerDay: DAY_MS % slotMs === 0 ? DAY_MS / slotMs : 0,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Slot `n`'s rate smoothed with its neighbours (weights 1, 2, 1): a brand with three mentions
 * an hour has hourly counts too noisy to take one hour's median from alone. Only slots
 * before `current` are read.
 */
function smoothedRate(history: SlotHistory, n: number, current: number): number | undefined {
  if (n >= current) return undefined;
  const centre = history.rate(n);
  if (centre === undefined) return undefined;
  let sum = 2 * centre;
  let weight = 2;
  for (const m of [n - 1, n + 1]) {
    const r = m < current ? history.rate(m) : undefined;
    if (r !== undefined) {
      sum += r;
      weight += 1;
    }
  }
  return sum / weight;
}

export interface SlotBaseline {
  /** Expected count per step in the slot. */
  rate: number;
  source: BaselineSource;
}

/**
 * The normal rate for slot `target`, judged while slot `current` is under way (so only slots
 * before `current` are read: causal). `target` is current − 1, current or current + 1 (the
 * step baseline interpolates between neighbouring slots).
 *
 * - weekly: the median of the same slot of the week over the last 5 weeks, once 2 exist;
 * - daily: else the median of the same hour over the last 7 days, once 2 exist;
 * - recent: else the larger of the median of the last 6 hours and the same hour yesterday
 *   (a one-day-old brand: recent hours for its level, yesterday for its daily rhythm).
 *
 * Undefined when nothing is known yet.
 */
export function slotBaseline(
  history: SlotHistory,
  geometry: SlotGeometry,
  target: number,
  current: number,
): SlotBaseline | undefined {
  const { slotsPerWeek, slotsPerDay } = geometry;
  if (slotsPerWeek > 0) {
    const weekly: number[] = [];
    for (let j = 1; j <= WEEKS_LOOKED_BACK; j++) {
      const r = smoothedRate(history, target - j * slotsPerWeek, current);
      if (r !== undefined) weekly.push(r);
    }
    if (weekly.length >= MIN_WEEKS) return { rate: median(weekly), source: 'weekly' };
  }
  if (slotsPerDay > 0) {
    const daily: number[] = [];
    for (let j = 1; j <= DAYS_LOOKED_BACK; j++) {
      const r = smoothedRate(history, target - j * slotsPerDay, current);
      if (r !== undefined) daily.push(r);
    }
    if (daily.length >= MIN_DAYS) return { rate: median(daily), source: 'daily' };
  }
  const recent: number[] = [];
  for (let n = current - 1; n >= current - RECENT_SLOTS; n--) {
    const r = history.rate(n);
    if (r !== undefined) recent.push(r);
  }
  if (recent.length < MIN_RECENT_SLOTS) return undefined;
  let rate = median(recent);
  if (slotsPerDay > 0) {
    const yesterday = smoothedRate(history, target - slotsPerDay, current);
    if (yesterday !== undefined) rate = Math.max(rate, yesterday);
  }
  return { rate, source: 'recent' };
}
