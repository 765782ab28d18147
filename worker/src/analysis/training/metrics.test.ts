import { describe, expect, it } from 'vitest';
import { scoreLabels, scorePolar } from './metrics.ts';

describe('scoreLabels', () => {
  it('computes per-class precision, recall, F1, accuracy and macro-F1', () => {
    // gold:      neg neg neg neg neu neu pos pos
    // predicted: neg neg neg neu neg neu pos neu
    const s = scoreLabels([0, 0, 0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 0, 1, 2, 1]);
    expect(s.confusion).toEqual([
      [3, 1, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
    expect(s.accuracy).toBeCloseTo(5 / 8, 10);
    expect(s.negative).toEqual({ precision: 3 / 4, recall: 3 / 4, f1: 3 / 4, support: 4 });
    expect(s.neutral.precision).toBeCloseTo(1 / 3, 10);
    expect(s.neutral.recall).toBeCloseTo(1 / 2, 10);
    expect(s.neutral.f1).toBeCloseTo(0.4, 10);
    expect(s.positive).toEqual({ precision: 1, recall: 1 / 2, f1: 2 / 3, support: 2 });
    expect(s.macroF1).toBeCloseTo((0.75 + 0.4 + 2 / 3) / 3, 10);
  });

  it('scores a class never predicted as 0, not NaN', () => {
    const s = scoreLabels([0, 2], [0, 0]);
    expect(s.positive.precision).toBe(0);
    expect(s.positive.f1).toBe(0);
    expect(Number.isNaN(s.macroF1)).toBe(false);
  });
});

describe('scorePolar', () => {
  it('scores the three-way decision against polar gold labels, the neutral share and the two-way decision', () => {
    // gold:      neg neg neg pos pos pos
    // predicted: neg neu pos pos neu neu
    // polar:     neg pos pos pos pos (tie)
    const s = scorePolar([0, 0, 0, 2, 2, 2], [0, 1, 2, 2, 1, 1], [0, 2, 2, 2, 2, -1]);
    expect(s.examples).toBe(6);
    expect(s.negative).toEqual({ precision: 1, recall: 1 / 3, f1: 0.5, support: 3 });
    expect(s.positive).toEqual({ precision: 1 / 2, recall: 1 / 3, f1: 0.4, support: 3 });
    expect(s.polarMacroF1).toBeCloseTo(0.45, 10);
    expect(s.neutralShare).toBeCloseTo(3 / 6, 10);
    // Right: the first negative and the first two positives; the tie counts as wrong.
    expect(s.polarAccuracy).toBeCloseTo(3 / 6, 10);
  });
});
