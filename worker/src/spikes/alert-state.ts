import type { WindowEvidence, WindowJudgement } from './judge-windows.ts';

/**
 * One storm, one alert. `quiet` → `open` when a window passes the rule (raise, unless a storm
 * closed less than the cooldown ago: then the same storm has come back, and it reopens
 * without a second alert). `open` stays open while a short window is above normal, and
 * closes once the series has been back to normal for the rule's closeAfter time.
 * Small enough to store per brand as JSON.
 */
export interface AlertState {
  status: 'quiet' | 'open';
  /** When the storm that is (or last was) open started, ms since the epoch. */
  openedAt: number | null;
  /** When the last storm closed; the cooldown counts from here. */
  closedAt: number | null;
  /** First step of the current calm while open, or null. */
  calmSince: number | null;
  /** Largest single-step count and total count since the storm opened. */
  peak: number;
  total: number;
  /** The strongest evidence seen during this storm (for its explanation). */
  evidence: WindowEvidence | null;
}

export const QUIET_STATE: AlertState = {
  status: 'quiet',
  openedAt: null,
  closedAt: null,
  calmSince: null,
  peak: 0,
  total: 0,
  evidence: null,
};

export type AlertEvent = 'raised' | 'reopened' | 'updated' | 'closed' | null;

export interface StepOutcome {
  state: AlertState;
  /** raised: a new alert goes out; reopened: the last storm is back within its cooldown. */
  event: AlertEvent;
}

/**
 * Advances the alert state by one judged step at time `at` (ms) with count `value`.
 * Pure: returns the new state.
 */
export function advanceAlertState(
  state: AlertState,
  judgement: WindowJudgement,
  at: number,
  value: number,
  timing: { stepMs: number; cooldownMs: number; closeAfterMs: number },
): StepOutcome {
  const count = Number.isNaN(value) ? 0 : value;
  if (state.status === 'quiet') {
    if (judgement.trigger === null) return { state, event: null };
    const withinCooldown = state.closedAt !== null && at - state.closedAt < timing.cooldownMs;
    return {
      state: {
        status: 'open',
        openedAt: withinCooldown ? state.openedAt : at,
        closedAt: state.closedAt,
        calmSince: null,
        peak: withinCooldown ? Math.max(state.peak, count) : count,
        total: withinCooldown ? state.total + count : count,
        evidence: strongerOf(withinCooldown ? state.evidence : null, judgement.trigger),
      },
      event: withinCooldown ? 'reopened' : 'raised',
    };
  }
  const grown = {
    peak: Math.max(state.peak, count),
    total: state.total + count,
    evidence: strongerOf(state.evidence, judgement.trigger),
  };
  if (judgement.elevated)
    return { state: { ...state, ...grown, calmSince: null }, event: 'updated' };
  const calmSince = state.calmSince ?? at;
  if (at + timing.stepMs - calmSince >= timing.closeAfterMs) {
    return {
      state: { ...state, ...grown, status: 'quiet', calmSince: null, closedAt: at + timing.stepMs },
      event: 'closed',
    };
  }
  return { state: { ...state, ...grown, calmSince }, event: 'updated' };
}

function strongerOf(a: WindowEvidence | null, b: WindowEvidence | null): WindowEvidence | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.logP < a.logP ? b : a;
}
