// The live detector: one tick a minute for every brand, on minute rollups, with a small
// per-brand state (JSON) between ticks. Built from the same pieces as the CLI's
// SeriesDetector (slotBaseline, judgeWindows, advanceAlertState, the dispersion estimates);
// differences are noted where they are.
import { advanceAlertState, QUIET_STATE, type AlertEvent, type AlertState } from './alert-state.ts';
import {
  alphaOf,
  learnSlot,
  learnWindows,
  newDispersion,
  phiOf,
  type DispersionState,
} from './dispersion.ts';
import { judgeWindows, windowLengths, type WindowJudgement } from './judge-windows.ts';
import type { SpikeRule } from './rule.ts';
import {
  DAY_MS,
  FLOOR_SHARE_OF_MEAN,
  HOUR_MS,
  median,
  MINUTE_MS,
  slotBaseline,
  slotGeometry,
  type BaselineSource,
  type SlotHistory,
} from './seasonal-baseline.ts';

const GEOMETRY = slotGeometry(MINUTE_MS);
const PHI_DECAY = Math.pow(0.5, MINUTE_MS / (3 * DAY_MS));
const ALPHA_DECAY = Math.pow(0.5, HOUR_MS / (7 * DAY_MS));
const LEVEL_SLOTS = 24;
const LEVEL_MIN_SLOTS = 6;
const LEVEL_MAX = 3;

/** What is normal for a brand around now, rebuilt once an hour from its hour rollups. */
export interface BrandProfile {
  /** The hour (slot number, ms / 1 h) it was built in; good for that hour and the next. */
  builtIn: number;
  /** rates[i]: expected mentions a minute in hour first + i (before the level), or null. */
  first: number;
  rates: (number | null)[];
  source: BaselineSource | null;
  level: number;
  floor: number;
  /**
   * negative_share rules only: the normal share of negative mentions in hour first + i. The
   * expected negatives of a minute are then its total mentions times that share, so a surge
   * of all traffic is not a storm of negativity; only a shift in the mix is.
   */
  shares?: (number | null)[];
}

/** Everything the live detector keeps per brand and rule between ticks (stored as JSON). */
export interface BrandSpikeState {
  profile: BrandProfile | null;
  dispersion: DispersionState;
  alert: AlertState;
}

export function newBrandSpikeState(rule: SpikeRule): BrandSpikeState {
  return {
    profile: null,
    dispersion: newDispersion(windowLengths(rule.windowMinutes).length),
    alert: QUIET_STATE,
  };
}

/** Minutes into each hour at which a brand rebuilds its profile: spreads the work over the hour. */
export function refreshMinute(brandId: string): number {
  // FNV-1a: similar ids (brand-1, brand-2) still land on different minutes.
  let hash = 0x811c9dc5;
  for (let i = 0; i < brandId.length; i++)
    hash = Math.imul(hash ^ brandId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % 60;
}

/**
 * Whether the brand's profile must be rebuilt before judging minute `at`: none yet, older than
 * the previous hour, or built last hour and this is the brand's minute to rebuild.
 */
export function profileDue(
  state: BrandSpikeState,
  at: number,
  brandRefreshMinute: number,
): boolean {
  const hour = Math.floor(at / HOUR_MS);
  const built = state.profile?.builtIn;
  if (built === undefined || built < hour - 1) return true;
  return built < hour && Math.floor((at % HOUR_MS) / MINUTE_MS) >= brandRefreshMinute;
}

/** Hours of history a profile rebuild reads: five weeks and a day. */
export const PROFILE_HISTORY_HOURS = 5 * 168 + 24;

/**
 * The hours (slot numbers) a profile rebuild at minute `at` may read: the last nine days,
 * and around the same hours in each of the five weeks before. A superset of what
 * refreshBrandProfile asks `history.rate` for, so the live tick can fetch just these.
 */
export function profileHours(at: number, rule: SpikeRule): number[] {
  const hour = Math.floor(at / HOUR_MS);
  const spanHours = Math.ceil(rule.windowMinutes / 60) + 1;
  const wanted = new Set<number>();
  for (let n = hour - 9 * 24; n < hour; n++) wanted.add(n);
  for (let j = 1; j <= 5; j++) {
    // Targets from hour − span − 1 (and the level's last 24 hours) to hour + 3, with neighbours.
    for (let n = hour - Math.max(spanHours, 24) - 2 - j * 168; n <= hour + 4 - j * 168; n++)
      wanted.add(n);
  }
  return [...wanted].sort((a, b) => a - b);
}

/**
 * Rebuilds the brand's profile at minute `at` from its hour rollups (`history.rate(h)` =
 * mentions a minute in hour h, undefined before the brand existed), and learns the last
 * finished hour's scatter (α) if the old profile judged it. Reads only hours before the
 * current one. Unlike the CLI, which keeps the level ratios of the hours as they were judged,
 * this recomputes the last day's ratios from today's history (same rule, nearly the same value).
 */
export function refreshBrandProfile(
  state: BrandSpikeState,
  history: SlotHistory,
  at: number,
  rule: SpikeRule,
  totals?: SlotHistory,
): BrandSpikeState {
  const hour = Math.floor(at / HOUR_MS);
  const dispersion = copyDispersion(state.dispersion);
  const old = state.profile;
  const lastHour = hour - 1;
  const lastObserved = history.rate(lastHour);
  const lastTotal = totals?.rate(lastHour);
  const lastExpected = !old
    ? null
    : old.shares
      ? lastTotal === undefined
        ? null
        : mapNull(shareAt(old, lastHour * HOUR_MS + HOUR_MS / 2), (share) => share * lastTotal)
      : expectedRate(old, lastHour * HOUR_MS + HOUR_MS / 2);
  const stormy =
    state.alert.status === 'open' ||
    (state.alert.closedAt !== null && state.alert.closedAt > lastHour * HOUR_MS);
  if (old && old.builtIn < hour && lastObserved !== undefined && lastExpected !== null && !stormy) {
    const slotIndex = nearestSlotWindow(rule);
    learnSlot(
      dispersion,
      lastObserved * 60,
      lastExpected * 60,
      phiOf(dispersion, slotIndex),
      ALPHA_DECAY,
    );
  }
  const spanHours = Math.ceil(rule.windowMinutes / 60) + 1;
  const first = hour - spanHours;
  const rates: (number | null)[] = [];
  for (let n = first; n <= hour + 2; n++)
    rates.push(slotBaseline(history, GEOMETRY, n, Math.min(n, hour))?.rate ?? null);
  const source = slotBaseline(history, GEOMETRY, hour, hour)?.source ?? null;
  const ratios: number[] = [];
  for (let n = hour - LEVEL_SLOTS; n < hour; n++) {
    const seasonal = slotBaseline(history, GEOMETRY, n, n);
    const observed = history.rate(n);
    if (seasonal && observed !== undefined && seasonal.source !== 'recent')
      ratios.push((observed * 60 + 1) / (seasonal.rate * 60 + 1));
  }
  const level =
    ratios.length >= LEVEL_MIN_SLOTS ? Math.min(LEVEL_MAX, Math.max(1, median(ratios))) : 1;
  let sum = 0;
  let hours = 0;
  for (let n = hour - 168; n < hour; n++) {
    const r = history.rate(n);
    if (r !== undefined) {
      sum += r;
      hours++;
    }
  }
  const floor = Math.max(FLOOR_SHARE_OF_MEAN * (hours > 0 ? sum / hours : 0), MINUTE_MS / DAY_MS);
  const profile: BrandProfile = { builtIn: hour, first, rates, source, level, floor };
  if (rule.metric === 'negative_share' && totals)
    profile.shares = normalShares(history, totals, first, hour);
  return { ...state, dispersion, profile };
}

/**
 * The normal negative share of each hour from first to hour + 2: the seasonal negative rate
 * over the seasonal total rate; where the total is unknown or zero, the share over the last
 * week. Never below 1% (nor 5% of the week's share): a share learnt as zero would make one
 * negative mention infinitely surprising.
 */
function normalShares(
  negative: SlotHistory,
  totals: SlotHistory,
  first: number,
  hour: number,
): (number | null)[] {
  let negativeSum = 0;
  let totalSum = 0;
  for (let n = hour - 168; n < hour; n++) {
    const t = totals.rate(n);
    const v = negative.rate(n);
    if (t !== undefined && v !== undefined) {
      totalSum += t;
      negativeSum += v;
    }
  }
  const weekShare = totalSum > 0 ? negativeSum / totalSum : null;
  const floor = Math.max(0.01, FLOOR_SHARE_OF_MEAN * (weekShare ?? 0));
  const shares: (number | null)[] = [];
  for (let n = first; n <= hour + 2; n++) {
    const v = slotBaseline(negative, GEOMETRY, n, Math.min(n, hour));
    const t = slotBaseline(totals, GEOMETRY, n, Math.min(n, hour));
    const share = v && t && t.rate > 0 ? Math.min(1, v.rate / t.rate) : weekShare;
    shares.push(share === null ? null : Math.max(floor, share));
  }
  return shares;
}

function mapNull<T, U>(value: T | null, f: (value: T) => U): U | null {
  return value === null ? null : f(value);
}

/** The normal negative share in the minute starting at `at` (negative_share profiles), or null. */
function shareAt(profile: BrandProfile, at: number): number | null {
  const shares = profile.shares;
  if (!shares) return null;
  const n = Math.floor(at / HOUR_MS);
  const share = (m: number) => shares[m - profile.first] ?? null;
  const current = share(n);
  if (current === null) return null;
  const position = (at + MINUTE_MS / 2 - n * HOUR_MS) / HOUR_MS;
  const previous = share(n - 1);
  const next = share(n + 1);
  if (position < 0.5 && previous !== null)
    return previous + (current - previous) * (position + 0.5);
  if (position > 0.5 && next !== null) return current + (next - current) * (position - 0.5);
  return current;
}

/** The state is treated as immutable: learning works on a copy (cheaper than structuredClone). */
function copyDispersion(d: DispersionState): DispersionState {
  return {
    phiNum: d.phiNum.slice(),
    phiDen: d.phiDen.slice(),
    alphaNum: d.alphaNum,
    alphaDen: d.alphaDen,
    alphaCount: d.alphaCount,
  };
}

function nearestSlotWindow(rule: SpikeRule): number {
  const lengths = windowLengths(rule.windowMinutes);
  return lengths.reduce(
    (best, length, i) =>
      Math.abs(Math.log(length / 60)) < Math.abs(Math.log(lengths[best]! / 60)) ? i : best,
    0,
  );
}

/** Expected mentions in the minute starting at `at`, or null when the profile does not know. */
function expectedRate(profile: BrandProfile, at: number): number | null {
  const n = Math.floor(at / HOUR_MS);
  const rate = (m: number) => profile.rates[m - profile.first] ?? null;
  const current = rate(n);
  if (current === null) return null;
  const position = (at + MINUTE_MS / 2 - n * HOUR_MS) / HOUR_MS;
  let r = current;
  const previous = rate(n - 1);
  const next = rate(n + 1);
  if (position < 0.5 && previous !== null) r = previous + (current - previous) * (position + 0.5);
  else if (position > 0.5 && next !== null) r = current + (next - current) * (position - 0.5);
  const level = profile.source === 'recent' ? 1 : profile.level;
  return Math.max(r * level, profile.floor);
}

export interface TickOutcome {
  state: BrandSpikeState;
  judgement: WindowJudgement;
  event: AlertEvent;
  /** Expected mentions in the judged minute (null: not enough history to judge yet). */
  expected: number | null;
}

/**
 * Judges the minute starting at `at` for one brand. `recent[i]` is the count of the minute
 * `i` minutes before it (recent[0] is the judged minute), at least the rule's window long.
 * The profile must be fresh (see profileDue / refreshBrandProfile). Work: O(window).
 * `learn: false` judges without learning the scatter from this minute (the state is then
 * unchanged unless the alert moved). For a negative_share rule, `recent` holds negative
 * mentions and `totals` all mentions, minute by minute alike.
 */
export function tickBrand(
  state: BrandSpikeState,
  recent: ArrayLike<number>,
  at: number,
  rule: SpikeRule,
  options: { learn?: boolean; totals?: ArrayLike<number> } = {},
): TickOutcome {
  const lengths = windowLengths(rule.windowMinutes);
  const empty: WindowJudgement = { score: 0, trigger: null, strongest: null, elevated: false };
  const profile = state.profile;
  const totals = options.totals;
  // negative_share: the minute's expected negatives are its total mentions times the normal share.
  const expectedAt = (t: number, i: number): number | null =>
    profile === null
      ? null
      : profile.shares && totals
        ? mapNull(shareAt(profile, t), (share) => share * (totals[i] ?? 0))
        : expectedRate(profile, t);
  const expectedNow = expectedAt(at, 0);
  if (!profile || expectedNow === null)
    return { state, judgement: empty, event: null, expected: null };
  const steps = lengths.at(-1)!;
  const values = new Float64Array(steps);
  const expected = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    const e = expectedAt(at - i * MINUTE_MS, i);
    values[i] = e === null ? Number.NaN : (recent[i] ?? 0);
    expected[i] = e ?? 0;
  }
  const phi = lengths.map((_, i) => phiOf(state.dispersion, i));
  const windows: { index: number; observed: number; expected: number }[] = [];
  const judgement = judgeWindows(values, expected, {
    rule,
    lengths,
    closeSteps: Math.max(1, rule.closeAfterMinutes),
    phi,
    alpha: alphaOf(state.dispersion),
    onWindow: (index, observed, e) => windows.push({ index, observed, expected: e }),
  });
  const timing = {
    stepMs: MINUTE_MS,
    cooldownMs: rule.cooldownMinutes * MINUTE_MS,
    closeAfterMs: rule.closeAfterMinutes * MINUTE_MS,
  };
  const wasOpen = state.alert.status === 'open';
  const outcome = advanceAlertState(state.alert, judgement, at, recent[0] ?? 0, timing);
  let dispersion = state.dispersion;
  // Normal traffic teaches the scatter; a storm's first minutes (elevated, not yet alerted) must not.
  if (
    options.learn !== false &&
    !wasOpen &&
    outcome.state.status !== 'open' &&
    !judgement.elevated
  ) {
    dispersion = copyDispersion(dispersion);
    learnWindows(dispersion, windows, PHI_DECAY);
  }
  return {
    state: { ...state, dispersion, alert: outcome.state },
    judgement,
    event: outcome.event,
    expected: expectedNow,
  };
}
