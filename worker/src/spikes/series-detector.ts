import { advanceAlertState, QUIET_STATE, type AlertEvent, type AlertState } from './alert-state.ts';
import { judgeWindows, windowLengths, type WindowEvidence } from './judge-windows.ts';
import {
  alphaOf,
  learnSlot,
  learnWindows,
  newDispersion,
  phiOf,
  phisOf,
  type DispersionState,
} from './dispersion.ts';
import type { SpikeRule } from './rule.ts';
import {
  DAY_MS,
  FLOOR_SHARE_OF_MEAN,
  MINUTE_MS,
  median,
  slotBaseline,
  slotGeometry,
  WEEK_MS,
  WEEKS_LOOKED_BACK,
  type BaselineSource,
  type SlotGeometry,
  type SlotHistory,
} from './seasonal-baseline.ts';

const PHI_HALF_LIFE_MS = 3 * DAY_MS;
const ALPHA_HALF_LIFE_MS = 7 * DAY_MS;
/** Level: the median ratio of observed to seasonal over the last day, kept within [1, 3]. */
const LEVEL_SLOTS = 24;
const LEVEL_MIN_SLOTS = 6;
const LEVEL_MAX = 3;

export interface SeriesJudgement {
  /** 0–1, higher is more surprising; ≥ 0.5 means the rule's significance level was reached. */
  score: number;
  /** True on the step where a new alert is raised. */
  alert: boolean;
  event: AlertEvent;
  /** Expected count for this step (null while there is not enough history to judge). */
  expected: number | null;
  source: BaselineSource | null;
  /** The window behind the score. */
  evidence: WindowEvidence | null;
  state: AlertState;
}

interface SlotTotals {
  sum: number;
  steps: number;
}

/**
 * Judges a regular count series one step at a time, using nothing after the step it judges:
 * what a live Earshot would have said at each moment. Keeps about five weeks of hourly totals
 * plus the last window of steps.
 */
export class SeriesDetector {
  private readonly geometry: SlotGeometry;
  private readonly windowSteps: number;
  private readonly lengths: number[];
  private readonly closeSteps: number;
  private readonly timing: { stepMs: number; cooldownMs: number; closeAfterMs: number };
  private readonly slots = new Map<number, SlotTotals>();
  private readonly history: SlotHistory;
  // negative_share: all mentions per slot beside the negative ones (`value`), and the normal
  // share of negatives around the current slot (previous, current, next; null: unknown).
  private readonly totalSlots = new Map<number, SlotTotals>();
  private readonly totalHistory: SlotHistory;
  private totalSum = 0;
  private totalSteps = 0;
  private shares: [number | null, number | null, number | null] = [null, null, null];
  private readonly maxSlots: number;
  // Newest first: values[0] is the step just judged.
  private readonly values: Float64Array;
  private readonly expected: Float64Array;
  private lastAt: number | null = null;
  private currentSlot: number | null = null;
  private slotSum = 0;
  private slotSteps = 0;
  private slotExpected = 0;
  private slotJudged = 0;
  private slotStormy = false;
  private baselines: {
    previous: number | undefined;
    current: number | undefined;
    next: number | undefined;
    source: BaselineSource | null;
  } = {
    previous: undefined,
    current: undefined,
    next: undefined,
    source: null,
  };
  private readonly ratios: number[] = [];
  private level = 1;
  private floor = 0;
  private readonly dispersion: DispersionState;
  // φ per window length, refreshed after each learning step (judging reads it every step).
  private readonly phiNow: Float64Array;
  private readonly phiDecay: number;
  /** The window length nearest one slot (an hour), whose φ the slot-level α is measured beyond. */
  private readonly slotWindow: number;
  private readonly alphaDecay: number;
  private alert: AlertState = QUIET_STATE;

  constructor(
    private readonly intervalMs: number,
    private readonly rule: SpikeRule,
  ) {
    if (!(intervalMs > 0))
      throw new Error(`The series interval must be positive, got ${intervalMs} ms.`);
    this.geometry = slotGeometry(intervalMs);
    this.windowSteps = Math.max(1, Math.round((rule.windowMinutes * MINUTE_MS) / intervalMs));
    this.lengths = windowLengths(this.windowSteps);
    this.closeSteps = Math.max(1, Math.floor((rule.closeAfterMinutes * MINUTE_MS) / intervalMs));
    this.timing = {
      stepMs: intervalMs,
      cooldownMs: rule.cooldownMinutes * MINUTE_MS,
      closeAfterMs: rule.closeAfterMinutes * MINUTE_MS,
    };
    this.values = new Float64Array(this.windowSteps).fill(Number.NaN);
    this.expected = new Float64Array(this.windowSteps);
    this.maxSlots = Math.ceil((WEEKS_LOOKED_BACK + 1) * (WEEK_MS / this.geometry.slotMs)) + 2;
    this.history = this.makeHistory();
    this.totalHistory = this.makeHistory(this.totalSlots);
    this.phiDecay = Math.pow(0.5, intervalMs / PHI_HALF_LIFE_MS);
    this.dispersion = newDispersion(this.lengths.length);
    this.phiNow = Float64Array.from(phisOf(this.dispersion));
    const slotSteps = this.geometry.slotMs / intervalMs;
    this.slotWindow = this.lengths.reduce(
      (best, length, i) =>
        Math.abs(Math.log(length / slotSteps)) < Math.abs(Math.log(this.lengths[best]! / slotSteps))
          ? i
          : best,
      0,
    );
    this.alphaDecay = Math.pow(0.5, this.geometry.slotMs / ALPHA_HALF_LIFE_MS);
  }

  /** The variance inflation of the shortest window (one step). */
  get phi(): number {
    return this.phiNow[0]!;
  }

  /** The variance inflation of each window length, longest last. */
  get phis(): number[] {
    return Array.from(this.phiNow);
  }

  get alpha(): number {
    return alphaOf(this.dispersion);
  }

  /** An independent copy in the same state: "what if" runs from a shared past (benchmarks). */
  clone(): SeriesDetector {
    const copy = Object.create(SeriesDetector.prototype) as SeriesDetector;
    for (const [key, value] of Object.entries(this)) {
      // Everything but the history view (functions) is plain data: deep-copied.
      if (key === 'history' || key === 'totalHistory') continue;
      (copy as unknown as Record<string, unknown>)[key] =
        typeof value === 'object' && value !== null ? structuredClone(value) : value;
    }
    (copy as unknown as { history: SlotHistory }).history = copy.makeHistory();
    (copy as unknown as { totalHistory: SlotHistory }).totalHistory = copy.makeHistory(copy.totalSlots);
    return copy;
  }

  private makeHistory(slots: Map<number, SlotTotals> = this.slots): SlotHistory {
    return {
      rate: (n) => {
        const s = slots.get(n);
        // A slot we saw less than half of says too little about its hour.
        return s && s.steps * this.intervalMs * 2 >= this.geometry.slotMs
          ? s.sum / s.steps
          : undefined;
      },
    };
  }

  /**
   * Judges the step starting at `at` (ms since the epoch) with count `value`. Steps must come
   * in time order, `intervalMs` apart; a skipped step is treated as missing (in no sum).
   */
  push(at: number, value: number, total?: number): SeriesJudgement {
    if (this.rule.metric === 'negative_share' && total === undefined)
      throw new Error('A negative_share rule judges negative mentions against all mentions: give each step its total.');
    if (this.lastAt !== null) {
      if (at <= this.lastAt)
        throw new Error(
          `Steps must move forward in time: ${new Date(at).toISOString()} is not after ${new Date(this.lastAt).toISOString()}.`,
        );
      // Missing steps: judged as absent, so their slots and windows just have fewer steps.
      for (let t = this.lastAt + this.intervalMs; t < at; t += this.intervalMs)
        this.step(t, Number.NaN, Number.NaN);
    }
    return this.step(at, value, total ?? Number.NaN);
  }

  private step(at: number, value: number, total: number): SeriesJudgement {
    this.lastAt = at;
    const slot = Math.floor(at / this.geometry.slotMs);
    if (slot !== this.currentSlot) this.rollOver(slot);
    if (!Number.isNaN(total)) {
      this.totalSum += total;
      this.totalSteps += 1;
    }
    const mu =
      this.rule.metric === 'negative_share'
        ? Number.isNaN(total)
          ? null
          : mapNull(this.shareAt(at, slot), (share) => share * total)
        : this.expectedAt(at, slot);
    this.values.copyWithin(1, 0);
    this.expected.copyWithin(1, 0);
    // A step with no baseline yet stays out of every window, like a missing one.
    this.values[0] = mu === null ? Number.NaN : value;
    this.expected[0] = mu ?? 0;
    if (!Number.isNaN(value)) {
      this.slotSum += value;
      this.slotSteps += 1;
    }
    if (mu === null) {
      return {
        score: 0,
        alert: false,
        event: null,
        expected: null,
        source: null,
        evidence: null,
        state: this.alert,
      };
    }
    const windows: { index: number; observed: number; expected: number }[] = [];
    const judgement = judgeWindows(this.values, this.expected, {
      rule: this.rule,
      lengths: this.lengths,
      closeSteps: this.closeSteps,
      phi: this.phiNow,
      alpha: this.alpha,
      onWindow: (index, observed, expected) => windows.push({ index, observed, expected }),
    });
    const wasOpen = this.alert.status === 'open';
    const outcome = advanceAlertState(this.alert, judgement, at, value, this.timing);
    this.alert = outcome.state;
    const stormy = wasOpen || this.alert.status === 'open';
    if (stormy) this.slotStormy = true;
    if (!Number.isNaN(value)) {
      this.slotExpected += mu;
      this.slotJudged += 1;
    }
    // Learn how scattered normal traffic is from normal steps only: not in a storm, nor in
    // the first minutes of one that is not alerted yet (elevated).
    if (!stormy && !judgement.elevated) {
      learnWindows(this.dispersion, windows, this.phiDecay);
      for (const { index } of windows) this.phiNow[index] = phiOf(this.dispersion, index);
    }
    return {
      score: judgement.score,
      alert: outcome.event === 'raised',
      event: outcome.event,
      expected: mu,
      source: this.baselines.source,
      evidence: judgement.trigger ?? judgement.strongest,
      state: this.alert,
    };
  }

  /** Closes the slot that just ended and prepares the baselines of the new one. */
  private rollOver(slot: number): void {
    if (this.currentSlot !== null) {
      const done = this.currentSlot;
      this.slots.set(done, { sum: this.slotSum, steps: this.slotSteps });
      const seasonal = this.baselines.current;
      const seasonalSource = this.baselines.source;
      if (
        seasonal !== undefined &&
        this.slotSteps > 0 &&
        (seasonalSource === 'weekly' || seasonalSource === 'daily')
      ) {
        this.ratios.push((this.slotSum + 1) / (seasonal * this.slotSteps + 1));
        if (this.ratios.length > LEVEL_SLOTS) this.ratios.shift();
      }
      if (this.slotJudged > 0 && !this.slotStormy) {
        const observed = (this.slotSum * this.slotJudged) / Math.max(1, this.slotSteps);
        learnSlot(
          this.dispersion,
          observed,
          this.slotExpected,
          this.phiNow[this.slotWindow]!,
          this.alphaDecay,
        );
      }
      for (const n of this.slots.keys()) if (n <= slot - this.maxSlots) this.slots.delete(n);
      this.totalSlots.set(done, { sum: this.totalSum, steps: this.totalSteps });
      for (const n of this.totalSlots.keys()) if (n <= slot - this.maxSlots) this.totalSlots.delete(n);
    }
    this.totalSum = 0;
    this.totalSteps = 0;
    this.currentSlot = slot;
    this.slotSum = 0;
    this.slotSteps = 0;
    this.slotExpected = 0;
    this.slotJudged = 0;
    this.slotStormy = false;
    const current = slotBaseline(this.history, this.geometry, slot, slot);
    this.baselines = {
      previous: slotBaseline(this.history, this.geometry, slot - 1, slot)?.rate,
      current: current?.rate,
      next: slotBaseline(this.history, this.geometry, slot + 1, slot)?.rate,
      source: current?.source ?? null,
    };
    this.level =
      this.ratios.length >= LEVEL_MIN_SLOTS
        ? Math.min(LEVEL_MAX, Math.max(1, median(this.ratios)))
        : 1;
    this.floor = this.floorRate(slot);
    if (this.rule.metric === 'negative_share') this.shares = this.normalShares(slot);
  }

  /**
   * The normal share of negatives in the slots around `slot`, as the live tick computes it
   * (live-tick.ts normalShares): the seasonal negative rate over the seasonal total rate, else
   * the last week's share; never below 1% (nor 5% of the week's share).
   */
  private normalShares(slot: number): [number | null, number | null, number | null] {
    const span = Math.round(WEEK_MS / this.geometry.slotMs);
    let negatives = 0;
    let totals = 0;
    for (let n = slot - span; n < slot; n++) {
      const v = this.slots.get(n);
      const t = this.totalSlots.get(n);
      if (v && t) {
        negatives += v.sum;
        totals += t.sum;
      }
    }
    const weekShare = totals > 0 ? negatives / totals : null;
    const floor = Math.max(0.01, FLOOR_SHARE_OF_MEAN * (weekShare ?? 0));
    const shareOf = (n: number): number | null => {
      const v = slotBaseline(this.history, this.geometry, n, slot);
      const t = slotBaseline(this.totalHistory, this.geometry, n, slot);
      const share = v && t && t.rate > 0 ? Math.min(1, v.rate / t.rate) : weekShare;
      return share === null ? null : Math.max(floor, share);
    };
    return [shareOf(slot - 1), shareOf(slot), shareOf(slot + 1)];
  }

  /** The normal share of negatives for the step at `at`: interpolated between slot centres. */
  private shareAt(at: number, slot: number): number | null {
    const [previous, current, next] = this.shares;
    if (current === null) return null;
    const slotMs = this.geometry.slotMs;
    const position = (at + this.intervalMs / 2 - slot * slotMs) / slotMs;
    if (position < 0.5 && previous !== null) return previous + (current - previous) * (position + 0.5);
    if (position > 0.5 && next !== null) return current + (next - current) * (position - 0.5);
    return current;
  }

  /** No step is expected below 5% of the mean of the last week, nor below one a day. */
  private floorRate(slot: number): number {
    const span = Math.round(WEEK_MS / this.geometry.slotMs);
    let sum = 0;
    let steps = 0;
    for (let n = slot - span; n < slot; n++) {
      const s = this.slots.get(n);
      if (s) {
        sum += s.sum;
        steps += s.steps;
      }
    }
    const mean = steps > 0 ? sum / steps : 0;
    return Math.max(FLOOR_SHARE_OF_MEAN * mean, this.intervalMs / DAY_MS);
  }

  /** The step's expected count: interpolated between slot centres, times the level. */
  private expectedAt(at: number, slot: number): number | null {
    const { previous, current, next, source } = this.baselines;
    if (current === undefined) return null;
    const slotMs = this.geometry.slotMs;
    const position = (at + this.intervalMs / 2 - slot * slotMs) / slotMs;
    let rate = current;
    if (position < 0.5 && previous !== undefined)
      rate = previous + (current - previous) * (position + 0.5);
    else if (position > 0.5 && next !== undefined)
      rate = current + (next - current) * (position - 0.5);
    const level = source === 'recent' ? 1 : this.level;
    return Math.max(rate * level, this.floor);
  }
}

function mapNull<T, U>(value: T | null, f: (value: T) => U): U | null {
  return value === null ? null : f(value);
}
