// Seeded synthetic count series for the detector's tests and benchmarks: a known rhythm,
// known noise, known storms, so every answer is known in advance.

/** A small, fast, seeded uniform generator (mulberry32), enough for simulation. */
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

function standardNormal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang's squeeze method. */
export function gammaSample(random: () => number, shape: number): number {
  if (shape < 1) return gammaSample(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Poisson(mean): by inversion for small means, normal approximation rounded for large ones. */
export function poissonSample(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 200) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(random)));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 10_000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Negative binomial with mean `mean` and variance mean + alpha·mean² (a Poisson whose rate is gamma-scattered). */
export function negBinSample(random: () => number, mean: number, alpha: number): number {
  if (alpha <= 0) return poissonSample(random, mean);
  return poissonSample(random, mean * alpha * gammaSample(random, 1 / alpha));
}

/**
 * A weekly rhythm: busy weekday afternoons, quiet nights, quieter weekends (UTC). Returns the
 * mean count per hour at `at` for a brand whose busiest hour has `peakPerHour`.
 */
export function weeklyRhythm(at: number, peakPerHour: number): number {
  const date = new Date(at);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  // A smooth day: low at 04:00, high at 16:00.
  const day = 0.55 - 0.45 * Math.cos(((hour - 4) / 24) * 2 * Math.PI);
  return peakPerHour * day * (weekend ? 0.6 : 1);
}

export interface SeriesPoint {
  at: number;
  value: number;
}

/** A Monday, 00:00 UTC: series start here so weekly tests read naturally. */
export const MONDAY = Date.UTC(2026, 0, 5);
