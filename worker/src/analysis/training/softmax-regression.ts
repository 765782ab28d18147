import { minimizeLbfgs } from './lbfgs.ts';

/** A training example: a sparse feature vector, its class and how much it counts. */
export interface Example {
  index: Int32Array;
  value: Float32Array;
  label: number;
  weight: number;
}

export interface TrainOptions {
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  /** Multiplies each example's loss by its class's weight (class order of the model). */
  classWeights: readonly number[];
  seed: number;
}

export const CLASSES = 3;

/** A small fast deterministic PRNG (mulberry32), so a retrain on the same data is identical. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Class scores (logits) of one sparse vector under `weights` (row-major, {@link CLASSES} per feature). */
export function computeLogits(weights: ArrayLike<number>, index: ArrayLike<number>, value: ArrayLike<number>, length: number, out: Float64Array): void {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  for (let k = 0; k < length; k++) {
    const base = index[k]! * 3;
    const v = value[k]!;
    z0 += weights[base]! * v;
    z1 += weights[base + 1]! * v;
    z2 += weights[base + 2]! * v;
  }
  out[0] = z0;
  out[1] = z1;
  out[2] = z2;
}

/** In-place softmax of three logits. */
export function softmax3(z: Float64Array): void {
  const m = Math.max(z[0]!, z[1]!, z[2]!);
  const e0 = Math.exp(z[0]! - m);
  const e1 = Math.exp(z[1]! - m);
  const e2 = Math.exp(z[2]! - m);
  const s = e0 + e1 + e2;
  z[0] = e0 / s;
  z[1] = e1 / s;
  z[2] = e2 / s;
}

/**
 * Fits multinomial logistic regression by AdaGrad SGD with L2, over `dimension` feature
 * rows. Deterministic for a given seed and example order.
 */
export function trainSoftmax(examples: readonly Example[], dimension: number, options: TrainOptions): Float64Array {
  const w = new Float64Array(dimension * CLASSES);
  const g2 = new Float64Array(dimension * CLASSES);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const z = new Float64Array(CLASSES);
  const grad = new Float64Array(CLASSES);
  const { learningRate: lr, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const e of order) {
      const ex = examples[e]!;
      const n = ex.index.length;
      computeLogits(w, ex.index, ex.value, n, z);
      softmax3(z);
      const scale = ex.weight * (options.classWeights[ex.label] ?? 1);
      for (let c = 0; c < CLASSES; c++) grad[c] = (z[c]! - (c === ex.label ? 1 : 0)) * scale;
      for (let k = 0; k < n; k++) {
        const base = ex.index[k]! * 3;
        const v = ex.value[k]!;
        for (let c = 0; c < CLASSES; c++) {
          const at = base + c;
          const g = grad[c]! * v + l2 * w[at]!;
          g2[at]! += g * g;
          w[at]! -= (lr * g) / (Math.sqrt(g2[at]!) + 1e-8);
        }
      }
    }
  }
  return w;
}

export interface BatchTrainOptions {
  /** L2 penalty on the mean loss (the bias is not penalised). */
  l2: number;
  classWeights: readonly number[];
  maxIterations: number;
  tolerance: number;
  /**
   * Informative prior for some feature rows: their weights are pulled towards `weights`
   * (three per row) with strength `l2` instead of towards 0 with the plain penalty.
   */
  prior?: { rows: ReadonlyMap<number, readonly number[]>; l2: number };
}

/**
 * Fits multinomial logistic regression exactly (L-BFGS on the L2-penalised mean
 * cross-entropy). Only feature rows that occur in `examples` get parameters while
 * fitting, so memory follows the data, not the hash space. Returns weights over the full
 * `dimension` (rows never seen stay 0).
 */
export function trainSoftmaxBatch(examples: readonly Example[], dimension: number, options: BatchTrainOptions): Float64Array {
  const compactOf = new Int32Array(dimension).fill(-1);
  const rows: number[] = [];
  const compact = examples.map((ex) => {
    const index = new Int32Array(ex.index.length);
    for (let k = 0; k < ex.index.length; k++) {
      const r = ex.index[k]!;
      let c = compactOf[r]!;
      if (c < 0) {
        c = rows.length;
        compactOf[r] = c;
        rows.push(r);
      }
      index[k] = c;
    }
    return { index, value: ex.value, label: ex.label, scale: ex.weight * (options.classWeights[ex.label] ?? 1) };
  });
  const totalScale = compact.reduce((a, e) => a + e.scale, 0);
  const biasRow = compactOf[0]!;
  // Per parameter: penalty strength and the value it is pulled towards.
  const strength = new Float64Array(rows.length * CLASSES).fill(options.l2);
  const centre = new Float64Array(rows.length * CLASSES);
  for (let c = 0; c < CLASSES; c++) strength[biasRow * CLASSES + c] = 0;
  for (const [row, target] of options.prior?.rows ?? []) {
    const compactRow = compactOf[row]!;
    if (compactRow < 0) continue;
    for (let c = 0; c < CLASSES; c++) {
      strength[compactRow * CLASSES + c] = options.prior!.l2;
      centre[compactRow * CLASSES + c] = target[c] ?? 0;
    }
  }
  const z = new Float64Array(CLASSES);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < w.length; i++) {
      const d = w[i]! - centre[i]!;
      grad[i] = strength[i]! * d;
      loss += 0.5 * strength[i]! * d * d;
    }
    const inv = 1 / totalScale;
    for (const ex of compact) {
      const n = ex.index.length;
      computeLogits(w, ex.index, ex.value, n, z);
      const mx = Math.max(z[0]!, z[1]!, z[2]!);
      const lse = mx + Math.log(Math.exp(z[0]! - mx) + Math.exp(z[1]! - mx) + Math.exp(z[2]! - mx));
      loss += ex.scale * inv * (lse - z[ex.label]!);
      const p0 = Math.exp(z[0]! - lse) - (ex.label === 0 ? 1 : 0);
      const p1 = Math.exp(z[1]! - lse) - (ex.label === 1 ? 1 : 0);
      const p2 = Math.exp(z[2]! - lse) - (ex.label === 2 ? 1 : 0);
      const s = ex.scale * inv;
      for (let k = 0; k < n; k++) {
        const base = ex.index[k]! * 3;
        const v = ex.value[k]! * s;
        grad[base]! += p0 * v;
        grad[base + 1]! += p1 * v;
        grad[base + 2]! += p2 * v;
      }
    }
    return loss;
  };
  const { x } = minimizeLbfgs(objective, new Float64Array(rows.length * CLASSES), {
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    memory: 10,
  });
  const weights = new Float64Array(dimension * CLASSES);
  rows.forEach((r, c) => {
    weights[r * 3] = x[c * 3]!;
    weights[r * 3 + 1] = x[c * 3 + 1]!;
    weights[r * 3 + 2] = x[c * 3 + 2]!;
  });
  return weights;
}
