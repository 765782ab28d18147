import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.ts';
import { computeLogits, type Example, trainSoftmaxBatch } from './softmax-regression.ts';

function example(features: number[], label: number, weight = 1): Example {
  return { index: Int32Array.from([0, ...features]), value: Float32Array.from([1, ...features.map(() => 1)]), label, weight };
}

function predict(weights: Float64Array, ex: Example): number {
  const z = new Float64Array(3);
  computeLogits(weights, ex.index, ex.value, ex.index.length, z);
  return z.indexOf(Math.max(...z));
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const target = [3, -2, 0.5];
    const { x } = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          const d = x[i]! - target[i]!;
          f += (i + 1) * d * d;
          g[i] = 2 * (i + 1) * d;
        }
        return f;
      },
      new Float64Array(3),
      { maxIterations: 100, tolerance: 1e-12, memory: 5 },
    );
    for (let i = 0; i < 3; i++) expect(x[i]).toBeCloseTo(target[i]!, 4);
  });
});

describe('trainSoftmaxBatch', () => {
  const data = [
    ...Array.from({ length: 20 }, () => example([5, 8], 0)),
    ...Array.from({ length: 20 }, () => example([6, 8], 1)),
    ...Array.from({ length: 20 }, () => example([7, 9], 2)),
  ];
  const options = { l2: 1e-3, classWeights: [1, 1, 1], maxIterations: 200, tolerance: 1e-9 };

  it('learns which feature signals which class', () => {
    const w = trainSoftmaxBatch(data, 16, options);
    expect(predict(w, example([5], 0))).toBe(0);
    expect(predict(w, example([6], 1))).toBe(1);
    expect(predict(w, example([7], 2))).toBe(2);
  });

  it('gives heavier examples more say', () => {
    // Feature 10 is seen once as class 0 (weight 1) and once as class 2 (weight 5).
    const w = trainSoftmaxBatch([...data, example([10], 0, 1), example([10], 2, 5)], 16, options);
    expect(predict(w, example([10], 0))).toBe(2);
  });

  it('pulls prior features towards their prior weights, not towards 0', () => {
    // Feature 12 never varies with the class, so only the prior can set its weights.
    const prior = { rows: new Map([[12, [2, 0, -2]]]), l2: 1 };
    const w = trainSoftmaxBatch(data.map((e) => ({ ...e, index: Int32Array.from([...e.index, 12]), value: Float32Array.from([...e.value, 1]) })), 16, {
      ...options,
      prior,
    });
    expect(w[12 * 3]! - w[12 * 3 + 2]!).toBeGreaterThan(2);
  });
});
