import { logUpperTail } from './count-tail.ts';
import type { SpikeRule } from './rule.ts';

/** The evidence from one window ending at the judged step. */
export interface WindowEvidence {
  steps: number;
  observed: number;
  expected: number;
  /** ln P(count ≥ observed | normal), before the correction for looking at several windows. */
  logP: number;
}

export interface WindowJudgement {
  /** 0–1, higher is more surprising; 0.5 is exactly the rule's significance level. */
  score: number;
  /** The most surprising window that passes all three gates, or null: no alarm here. */
  trigger: WindowEvidence | null;
  /** The most surprising window, gates or not (for explanations and scores). */
  strongest: WindowEvidence | null;
  /** Still above normal on a short window (keeps an open storm open). */
  elevated: boolean;
}

/**
 * The window lengths looked at, in steps: 1, 2, 4, … doubling up to the rule's window, plus
 * the rule's window itself. Short windows catch a sharp burst at once, long ones a slow ramp;
 * doubling keeps the work and the multiple-testing penalty to log₂ of the window.
 */
export function windowLengths(windowSteps: number): number[] {
  const lengths: number[] = [];
  for (let w = 1; w < windowSteps; w *= 2) lengths.push(w);
  lengths.push(Math.max(1, windowSteps));
  return lengths;
}

/** An open storm stays open while a short window is above normal at this level. */
const ELEVATED_LOG_P = Math.log(1e-3);

export interface JudgeOptions {
  rule: SpikeRule;
  lengths: number[];
  /** Windows up to this many steps decide whether an open storm is still going. */
  closeSteps: number;
  /** Variance inflation for clustered mentions, one per window length (same order as `lengths`). */
  phi: ArrayLike<number>;
  alpha: number;
  /** Called with every window's observed and expected sums (to learn the dispersion from). */
  onWindow?: (index: number, observed: number, expected: number) => void;
}

/**
 * Judges the step that ends the given recent values (newest first) against their expected
 * counts. A missing step (NaN value) counts in neither sum. Looks at every window length,
 * tests each with the count model, and corrects for the number of windows (Bonferroni).
 * Work: O(longest window).
 */
export function judgeWindows(
  valuesNewestFirst: ArrayLike<number>,
  expectedNewestFirst: ArrayLike<number>,
  options: JudgeOptions,
): WindowJudgement {
  const { rule, lengths, closeSteps, phi, alpha, onWindow } = options;
  const logLooks = Math.log(lengths.length);
  const excess = 1 + rule.percentAbove / 100;
  const halfExcess = 1 + rule.percentAbove / 200;
  let observed = 0;
  let expected = 0;
  let next = 0;
  let trigger: WindowEvidence | null = null;
  let strongest: WindowEvidence | null = null;
  let elevated = false;
  const available = Math.min(valuesNewestFirst.length, expectedNewestFirst.length);
  for (let i = 0; i < available && next < lengths.length; i++) {
    const x = valuesNewestFirst[i]!;
    if (!Number.isNaN(x)) {
      observed += x;
      expected += expectedNewestFirst[i]!;
    }
    if (i + 1 !== lengths[next]) continue;
    const index = next++;
    if (!(expected > 0)) continue;
    onWindow?.(index, observed, expected);
    const logP = logUpperTail(observed, expected, phi[index]!, alpha);
    const evidence: WindowEvidence = { steps: i + 1, observed, expected, logP };
    if (strongest === null || logP < strongest.logP) strongest = evidence;
    if (
      logP + logLooks <= rule.logPThreshold &&
      observed >= rule.minCount &&
      observed >= expected * excess
    ) {
      if (trigger === null || logP < trigger.logP) trigger = evidence;
    }
    if (
      i + 1 <= closeSteps &&
      logP <= ELEVATED_LOG_P &&
      observed >= expected * halfExcess &&
      observed >= rule.minCount / 2
    )
      elevated = true;
  }
  let score = 0;
  if (strongest !== null) {
    const surprise = Math.max(0, -(strongest.logP + logLooks));
    score = surprise / (surprise - rule.logPThreshold);
  }
  return { score, trigger, strongest, elevated: elevated || trigger !== null };
}
