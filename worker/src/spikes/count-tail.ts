// Upper-tail probabilities of count models, in log space so that 1e-40 and 1e-4 stay
// distinguishable (the anomaly score is built from -log10 p).

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: Stirling's series, after shifting x above 10 with Γ(x+1) = xΓ(x). */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Terms of the asymptotic series with Bernoulli numbers B2..B8; at x ≥ 10 the error is < 1e-13.
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
}

/** ln(e^a + e^b) without overflow. */
function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/** Summation stops when a term is this small relative to the sum so far (or after MAX_TERMS). */
const RELATIVE_EPSILON = 1e-12;
const MAX_TERMS = 20_000;

/**
 * ln P(X ≥ k) for X ~ Poisson(mean). Only called for k above the mean, where the terms of the
 * tail decrease from the first one, so summing them from k converges quickly.
 */
function logPoissonUpper(k: number, mean: number): number {
  let logTerm = k * Math.log(mean) - mean - logGamma(k + 1);
  let logSum = logTerm;
  for (let j = k; j < k + MAX_TERMS; j++) {
    logTerm += Math.log(mean / (j + 1));
    logSum = logAdd(logSum, logTerm);
    if (logTerm - logSum < Math.log(RELATIVE_EPSILON)) break;
  }
  return Math.min(0, logSum);
}

/**
 * ln P(X ≥ k) for X negative binomial with mean `mean` and size `size` (variance
 * mean + mean²/size): the gamma–Poisson mixture, i.e. a Poisson whose rate itself varies.
 */
function logNegBinUpper(k: number, mean: number, size: number): number {
  const p = mean / (mean + size); // probability of one more count at each step
  let logTerm =
    logGamma(k + size) - logGamma(size) - logGamma(k + 1) + size * Math.log1p(-p) + k * Math.log(p);
  let logSum = logTerm;
  for (let j = k; j < k + MAX_TERMS; j++) {
    logTerm += Math.log(((j + size) / (j + 1)) * p);
    logSum = logAdd(logSum, logTerm);
    if (logTerm - logSum < Math.log(RELATIVE_EPSILON)) break;
  }
  return Math.min(0, logSum);
}

/**
 * ln P(X ≥ observed) when X has mean `expected` and variance
 * `phi · expected + alpha · expected²` — `phi` for mentions that come in clusters (a thread,
 * retweets), `alpha` for the normal rate itself being uncertain from hour to hour. Uses a
 * negative binomial with that mean and variance, or the Poisson when the variance is the
 * mean. Counts at or below the mean are not surprising in the upper tail: returns 0 (p = 1),
 * so a dip can never look like a spike. A non-integer count is rounded down.
 */
export function logUpperTail(
  observed: number,
  expected: number,
  phi: number,
  alpha: number,
): number {
  const k = Math.floor(observed);
  if (!(expected > 0)) return k > 0 ? -Infinity : 0;
  if (k <= expected) return 0;
  const variance = phi * expected + alpha * expected * expected;
  const extra = variance - expected;
  // A size above 1e7 is a Poisson to 1e-7 relative; the Poisson path is cheaper and exact.
  if (extra <= expected * 1e-7) return logPoissonUpper(k, expected);
  return logNegBinUpper(k, expected, (expected * expected) / extra);
}
