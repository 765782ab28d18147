import type { Sentiment } from '@earshot/db';
import { foldOf, type SentimentModel } from '../analysis/index.ts';
import { DENSE, DENSE_SIZE } from '../analysis/features.ts';
import { minimizeLbfgs } from '../analysis/training/lbfgs.ts';
import { BrandOverlay } from './overlay.ts';

const CLASS: Record<Sentiment, number> = { negative: 0, neutral: 1, positive: 2 };

/** A text a brand's people labelled, and how much it counts (a correction 1, a confirmation less). */
export interface BrandExample {
  /** Stable id (the mention's), for assigning cross-validation folds. */
  id: string;
  text: string;
  label: Sentiment;
  weight: number;
}

export interface OverlayOptions {
  /** Pull of every changed feature row towards no change, against the summed weighted loss. */
  l2: number;
  /** The pull on the always-present bias row, stronger: it moves every text of the brand. */
  biasL2: number;
  maxIterations: number;
}

/**
 * Chosen on two simulated brands (see worker/src/brand-models/README.md): one whose language
 * the shared model does not know (`npm run bench:brand-model`), where 0.1–10 do alike with
 * many corrections and the smaller learn faster from few; and one whose language it was
 * trained on (held-out airline tweets), where every setting loses a little to the raters'
 * noise, which is what the keep-only-if-not-worse check in `retrainBrandModel` is for.
 */
export const DEFAULT_OVERLAY_OPTIONS: OverlayOptions = { l2: 1, biasL2: 20, maxIterations: 200 };

interface Prepared {
  index: Int32Array;
  value: Float32Array;
  logits: Float64Array;
  label: number;
  weight: number;
}

/**
 * Learns a brand overlay: changes to the shared model's class scores for the word, bigram,
 * hashtag and emoji features (and the bias) of the brand's labelled texts, minimising the
 * weighted cross-entropy of shared scores + changes, with an L2 pull towards no change. The
 * shared model's lexicon features stay as they are: they carry what holds for every brand.
 */
export function trainOverlay(model: SentimentModel, examples: readonly BrandExample[], options: OverlayOptions = DEFAULT_OVERLAY_OPTIONS): BrandOverlay {
  const compactOf = new Map<number, number>();
  const rows: number[] = [];
  const prepared: Prepared[] = examples.map((ex) => {
    const f = model.features(ex.text);
    const keep: number[] = [];
    for (let k = 0; k < f.index.length; k++) {
      const row = f.index[k]!;
      if (row < DENSE_SIZE && row !== DENSE.bias) continue;
      let c = compactOf.get(row);
      if (c === undefined) {
        c = rows.length;
        compactOf.set(row, c);
        rows.push(row);
      }
      keep.push(k);
    }
    return {
      index: Int32Array.from(keep, (k) => compactOf.get(f.index[k]!)!),
      value: Float32Array.from(keep, (k) => f.value[k]!),
      logits: f.logits,
      label: CLASS[ex.label],
      weight: ex.weight,
    };
  });
  const strength = new Float64Array(rows.length).map((_, c) => (rows[c] === DENSE.bias ? options.biasL2 : options.l2));
  const z = new Float64Array(3);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < w.length; i++) {
      const s = strength[(i / 3) | 0]!;
      grad[i] = s * w[i]!;
      loss += 0.5 * s * w[i]! * w[i]!;
    }
    for (const ex of prepared) {
      z[0] = ex.logits[0]!;
      z[1] = ex.logits[1]!;
      z[2] = ex.logits[2]!;
      for (let k = 0; k < ex.index.length; k++) {
        const b = ex.index[k]! * 3;
        const v = ex.value[k]!;
        z[0]! += w[b]! * v;
        z[1]! += w[b + 1]! * v;
        z[2]! += w[b + 2]! * v;
      }
      const mx = Math.max(z[0]!, z[1]!, z[2]!);
      const lse = mx + Math.log(Math.exp(z[0]! - mx) + Math.exp(z[1]! - mx) + Math.exp(z[2]! - mx));
      loss += ex.weight * (lse - z[ex.label]!);
      for (let c = 0; c < 3; c++) {
        const g = ex.weight * (Math.exp(z[c]! - lse) - (c === ex.label ? 1 : 0));
        for (let k = 0; k < ex.index.length; k++) grad[ex.index[k]! * 3 + c]! += g * ex.value[k]!;
      }
    }
    return loss;
  };
  const { x } = minimizeLbfgs(objective, new Float64Array(rows.length * 3), {
    maxIterations: options.maxIterations,
    tolerance: 1e-7,
    memory: 10,
  });
  return new BrandOverlay(model.fingerprint, rows, Float32Array.from(x));
}

export interface OverlayEvaluation {
  /** Reviewed mentions scored, each by an overlay trained without its fold; 0 when fewer than `minimum`. */
  scored: number;
  /** Share of them on which the shared model agreed with the agents, and the brand model. */
  baseAgreement: number | null;
  brandAgreement: number | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How a brand overlay would do on the brand's reviewed mentions it was not trained on: k-fold
 * over all examples (corrections and confirmations alike), each scored by the shared model
 * alone and by the overlay trained on the other folds. Yields to the event loop between folds,
 * so a large brand does not stall the jobs sharing the process.
 */
export async function crossValidateOverlay(
  model: SentimentModel,
  examples: readonly BrandExample[],
  options: OverlayOptions = DEFAULT_OVERLAY_OPTIONS,
  { folds = 5, minimum = 10 }: { folds?: number; minimum?: number } = {},
): Promise<OverlayEvaluation> {
  if (examples.length < minimum) return { scored: 0, baseAgreement: null, brandAgreement: null };
  let base = 0;
  let brand = 0;
  for (let f = 0; f < folds; f++) {
    const test = examples.filter((e) => foldOf(e.id, folds) === f);
    if (test.length === 0) continue;
    await yieldToEventLoop();
    const overlay = trainOverlay(
      model,
      examples.filter((e) => foldOf(e.id, folds) !== f),
      options,
    );
    for (const e of test) {
      if (model.classify(e.text).sentiment === e.label) base++;
      if (model.classify(e.text, overlay).sentiment === e.label) brand++;
    }
  }
  return { scored: examples.length, baseAgreement: base / examples.length, brandAgreement: brand / examples.length };
}
