import { type PolarSentence, isChoosingHalf } from '../data/amazon-cells.ts';
import type { SentimentModel } from '../model/sentiment-model.ts';
import { LABELS, type PolarScores, roundPolarScores, scorePolar } from './metrics.ts';

/** A classifier's three-way and negative-vs-positive decisions (class indexes 0 … 2) on one text. */
export type PolarClassifier = (text: string) => { predicted: number; polar: number };

/** Earshot's model: its usual decision, and the larger of its negative (with the bias) and positive probabilities. */
export function modelPolarClassifier(model: SentimentModel): PolarClassifier {
  const p = new Float64Array(3);
  return (text) => {
    const predicted = LABELS.indexOf(model.classify(text).sentiment);
    model.probabilities(text, p);
    return { predicted, polar: p[0]! >= p[2]! ? 0 : 2 };
  };
}

/** Scores a classifier on polar sentences. */
export function scorePolarSentences(classify: PolarClassifier, sentences: readonly PolarSentence[]): PolarScores {
  const gold: number[] = [];
  const predicted: number[] = [];
  const polar: number[] = [];
  for (const s of sentences) {
    const d = classify(s.text);
    gold.push(LABELS.indexOf(s.sentiment));
    predicted.push(d.predicted);
    polar.push(d.polar);
  }
  return roundPolarScores(scorePolar(gold, predicted, polar));
}

/** Figures on both halves of the out-of-domain data (see {@link isChoosingHalf}). */
export function evaluateOutOfDomain(classify: PolarClassifier, sentences: readonly PolarSentence[]): { choosing: PolarScores; reporting: PolarScores } {
  return {
    choosing: scorePolarSentences(classify, sentences.filter((s) => isChoosingHalf(s))),
    reporting: scorePolarSentences(classify, sentences.filter((s) => !isChoosingHalf(s))),
  };
}

/** One line of out-of-domain figures for logs and reports. */
export function describePolarScores(s: PolarScores): string {
  const f = (x: number): string => x.toFixed(4);
  return (
    `polar accuracy ${f(s.polarAccuracy)}  neutral ${f(s.neutralShare)}  negative P ${f(s.negative.precision)} R ${f(s.negative.recall)} F1 ${f(s.negative.f1)}  ` +
    `positive P ${f(s.positive.precision)} R ${f(s.positive.recall)} F1 ${f(s.positive.f1)}  (n=${s.examples})`
  );
}
