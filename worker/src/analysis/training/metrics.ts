import type { Sentiment } from '@earshot/db';

/** Class order used by the model: index 0, 1, 2. */
export const LABELS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];
export const NEGATIVE = 0;

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  examples: number;
  accuracy: number;
  macroF1: number;
  negative: ClassScores;
  neutral: ClassScores;
  positive: ClassScores;
  /** confusion[gold][predicted], in {@link LABELS} order. */
  confusion: number[][];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Accuracy, per-class precision/recall/F1 and macro-F1 of predicted against gold class indexes. */
export function scoreLabels(gold: ArrayLike<number>, predicted: ArrayLike<number>): Scores {
  const confusion = LABELS.map(() => LABELS.map(() => 0));
  for (let i = 0; i < gold.length; i++) confusion[gold[i]!]![predicted[i]!]!++;
  let correct = 0;
  const perClass = LABELS.map((_, c) => {
    const tp = confusion[c]![c]!;
    correct += tp;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = ratio(tp, predictedAs);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  return {
    examples: gold.length,
    accuracy: ratio(correct, gold.length),
    macroF1: perClass.reduce((a, s) => a + s.f1, 0) / perClass.length,
    negative: perClass[0]!,
    neutral: perClass[1]!,
    positive: perClass[2]!,
    confusion,
  };
}

/** Rounding to `digits` decimals, for a number and for one class's figures. */
function rounders(digits: number): { r: (x: number) => number; c: (x: ClassScores) => ClassScores } {
  const r = (x: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
  return { r, c: (x) => ({ precision: r(x.precision), recall: r(x.recall), f1: r(x.f1), support: x.support }) };
}

/** Rounds every number in a Scores object, for storing and printing. */
export function roundScores(s: Scores, digits = 4): Scores {
  const { r, c } = rounders(digits);
  return {
    examples: s.examples,
    accuracy: r(s.accuracy),
    macroF1: r(s.macroF1),
    negative: c(s.negative),
    neutral: c(s.neutral),
    positive: c(s.positive),
    confusion: s.confusion.map((row) => [...row]),
  };
}

/**
 * Figures on data with only negative and positive gold labels (out-of-domain reviews): the
 * two classes' precision/recall/F1 under the full three-way decision (a `neutral` answer is
 * a miss), their mean F1, how often the classifier said neutral, and polar accuracy (the
 * decision between negative and positive only, as if neutral did not exist).
 */
export interface PolarScores {
  examples: number;
  negative: ClassScores;
  positive: ClassScores;
  /** Mean of the negative and positive F1. */
  polarMacroF1: number;
  neutralShare: number;
  polarAccuracy: number;
}

/**
 * @param gold 0 (negative) or 2 (positive) per example.
 * @param predicted the three-way decision, 0 … 2.
 * @param polar the two-way decision, 0 or 2; anything else (a tie) counts as wrong.
 */
export function scorePolar(gold: ArrayLike<number>, predicted: ArrayLike<number>, polar: ArrayLike<number>): PolarScores {
  const three = scoreLabels(gold, predicted);
  let neutral = 0;
  let right = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] === 1) neutral++;
    if (polar[i] === gold[i]) right++;
  }
  return {
    examples: gold.length,
    negative: three.negative,
    positive: three.positive,
    polarMacroF1: (three.negative.f1 + three.positive.f1) / 2,
    neutralShare: ratio(neutral, gold.length),
    polarAccuracy: ratio(right, gold.length),
  };
}

/** Rounds every number in a PolarScores object. */
export function roundPolarScores(s: PolarScores, digits = 4): PolarScores {
  const { r, c } = rounders(digits);
  return {
    examples: s.examples,
    negative: c(s.negative),
    positive: c(s.positive),
    polarMacroF1: r(s.polarMacroF1),
    neutralShare: r(s.neutralShare),
    polarAccuracy: r(s.polarAccuracy),
  };
}
