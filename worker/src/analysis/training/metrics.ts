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

/** Rounds every number in a Scores object, for storing and printing. */
export function roundScores(s: Scores, digits = 4): Scores {
  const r = (x: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
  const c = (x: ClassScores): ClassScores => ({ precision: r(x.precision), recall: r(x.recall), f1: r(x.f1), support: x.support });
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
