import { describe, expect, it } from 'vitest';
import { logGamma, logUpperTail } from './count-tail.ts';

/** P(X ≥ k) for a Poisson by adding the pmf from 0 up (the other way round from the code). */
function poissonUpperDirect(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += term;
    term *= mean / (j + 1);
  }
  return 1 - below;
}

/** P(X ≥ k) for a negative binomial by its pmf in closed form for integer size r. */
function negBinUpperDirect(k: number, mean: number, r: number): number {
  const p = mean / (mean + r);
  let below = 0;
  for (let j = 0; j < k; j++) {
    let choose = 1;
    for (let i = 1; i <= j; i++) choose *= (r - 1 + i) / i;
    below += choose * Math.pow(1 - p, r) * Math.pow(p, j);
  }
  return 1 - below;
}

describe('count tails', () => {
  it('logGamma matches factorials', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      factorial *= n;
      expect(logGamma(n + 1)).toBeCloseTo(Math.log(factorial), 10);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
  });

  it('the Poisson tail (variance = mean) matches direct summation', () => {
    for (const [k, mean] of [
      [15, 5],
      [3, 0.5],
      [30, 12.5],
      [60, 40],
    ] as const) {
      expect(Math.exp(logUpperTail(k, mean, 1, 0))).toBeCloseTo(poissonUpperDirect(k, mean), 9);
    }
  });

  it('the negative binomial tail (variance = mean + mean²/r) matches its pmf', () => {
    // variance = phi·mean + alpha·mean²: with phi = 1, alpha = 1/r.
    for (const [k, mean, r] of [
      [10, 4, 2],
      [25, 10, 5],
      [4, 0.8, 1],
    ] as const) {
      expect(Math.exp(logUpperTail(k, mean, 1, 1 / r))).toBeCloseTo(
        negBinUpperDirect(k, mean, r),
        9,
      );
    }
  });

  it('more scatter makes the same count less surprising; a count at or below the mean is no surprise', () => {
    const poisson = logUpperTail(20, 8, 1, 0);
    const clustered = logUpperTail(20, 8, 2, 0);
    const scattered = logUpperTail(20, 8, 2, 0.1);
    expect(poisson).toBeLessThan(clustered);
    expect(clustered).toBeLessThan(scattered);
    expect(logUpperTail(8, 8, 1, 0)).toBe(0);
    expect(logUpperTail(0, 8, 1, 0)).toBe(0);
  });

  it('stays finite and ordered far in the tail', () => {
    const a = logUpperTail(200, 10, 1, 0);
    const b = logUpperTail(400, 10, 1, 0);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeLessThan(a);
    expect(a).toBeLessThan(Math.log(1e-100));
  });
});
