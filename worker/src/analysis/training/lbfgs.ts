/** f(x) and its gradient (written into `grad`). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the relative decrease of f over one iteration falls below this. */
  tolerance: number;
  /** How many past steps approximate the curvature. */
  memory: number;
}

/**
 * Minimises a smooth convex function with L-BFGS and a backtracking (Armijo) line search.
 * Returns the final x (the same array as `start`, updated) and the iterations used.
 */
export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): { x: Float64Array; iterations: number; value: number } {
  const n = start.length;
  const x = start;
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const m = options.memory;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let f = objective(x, g);
  let iteration = 0;
  for (; iteration < options.maxIterations; iteration++) {
    // Two-loop recursion: d = -H g.
    d.set(g);
    for (let k = s.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(s[k]!, d);
      alpha[k] = a;
      axpy(-a, y[k]!, d);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i]! /= Math.max(norm, 1e-12);
    }
    for (let k = 0; k < s.length; k++) {
      const b = rho[k]! * dot(y[k]!, d);
      axpy(alpha[k]! - b, s[k]!, d);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;

    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -dot(g, g);
    }
    let step = 1;
    let fNew: number;
    for (let tries = 0; ; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = objective(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope || tries >= 30) break;
      step *= 0.5;
    }
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    x.set(xNew);
    g.set(gNew);
    const decrease = (f - fNew) / Math.max(1, Math.abs(fNew));
    f = fNew;
    if (decrease >= 0 && decrease < options.tolerance) break;
  }
  return { x, iterations: iteration, value: f };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}
