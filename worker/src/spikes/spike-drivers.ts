import { hashtagsOf, phrasesOf } from '../analysis/text/phrases.ts';

/** A phrase or hashtag that a storm's mentions use more than the brand's normal mentions do. */
export interface SpikeDriver {
  term: string;
  /** Mentions in the window that use it, of `windowMentions`. */
  count: number;
  /** Share of the window's mentions that use it, and of the baseline sample's. */
  windowShare: number;
  baselineShare: number;
  /** Dunning's log-likelihood ratio G² (1 degree of freedom) of window vs baseline. */
  g2: number;
}

/**
 * G² ≥ 15.1 is p ≤ 1e-4 for one test; a storm's window is tested on a few hundred terms, so
 * p ≤ 0.001 (10.8) would list a chance term or two in most alerts.
 */
export const MIN_G2 = 15.13;
/** A term used by fewer window mentions than this is an anecdote, whatever the statistic says. */
export const MIN_DRIVER_COUNT = 3;

/** x·ln(x / e), with 0·ln 0 = 0. */
function term(observed: number, expected: number): number {
  return observed > 0 ? observed * Math.log(observed / expected) : 0;
}

/**
 * Dunning's log-likelihood ratio for a 2×2 table: `k1` of `n1` window documents use a term,
 * `k2` of `n2` baseline documents do. Large when the two rates differ more than sampling
 * explains; unlike a χ² it stays honest for rare terms (counts of 3–5), which is what most
 * storm phrases are in a brand's normal traffic.
 */
export function logLikelihoodG2(k1: number, n1: number, k2: number, n2: number): number {
  const n = n1 + n2;
  const used = k1 + k2;
  if (n1 === 0 || n2 === 0 || used === 0 || used === n) return 0;
  const e11 = (n1 * used) / n;
  const e12 = n1 - e11;
  const e21 = (n2 * used) / n;
  const e22 = n2 - e21;
  const g2 =
    2 * (term(k1, e11) + term(n1 - k1, e12) + term(k2, e21) + term(n2 - k2, e22));
  return Math.max(0, g2);
}

function documentFrequency(
  texts: readonly string[],
  extract: (text: string) => Set<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const t of extract(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

function overRepresented(
  window: readonly string[],
  baseline: readonly string[],
  extract: (text: string) => Set<string>,
  limit: number,
): SpikeDriver[] {
  const now = documentFrequency(window, extract);
  const before = documentFrequency(baseline, extract);
  const n1 = window.length;
  const n2 = baseline.length;
  const drivers = new Map<string, SpikeDriver>();
  for (const [t, k1] of now) {
    if (k1 < MIN_DRIVER_COUNT) continue;
    const k2 = before.get(t) ?? 0;
    // Only terms the storm uses more than normal; a term it uses less is no driver.
    if (k1 / n1 <= k2 / n2) continue;
    const g2 = logLikelihoodG2(k1, n1, k2, n2);
    if (g2 < MIN_G2) continue;
    drivers.set(t, {
      term: t,
      count: k1,
      windowShare: Math.round((k1 / n1) * 1000) / 1000,
      baselineShare: Math.round((k2 / n2) * 1000) / 1000,
      g2: Math.round(g2 * 10) / 10,
    });
  }
  // A word is left out when a two-word phrase containing it drives as many mentions: the
  // phrase says the same, more clearly ("lost luggage", not also "lost" and "luggage").
  for (const d of [...drivers.values()]) {
    if (!d.term.includes(' ')) continue;
    for (const word of d.term.split(' ')) if (drivers.get(word)?.count === d.count) drivers.delete(word);
  }
  return [...drivers.values()]
    .sort((a, b) => b.g2 - a.g2 || b.count - a.count || (a.term < b.term ? -1 : 1))
    .slice(0, limit);
}

/**
 * What drives a storm: the phrases (words and adjacent word pairs, `phrasesOf`) and the hashtags
 * that the window's mentions use significantly more often than a sample of the brand's earlier
 * mentions of the same metric — a Dunning G² per term with a minimum count, strongest first.
 * Counts are of mentions (a mention that repeats a phrase counts once), so one loud author
 * cannot make a phrase a driver on their own. With no baseline (a new brand) nothing is
 * significant and both lists are empty.
 */
export function spikeDrivers(
  window: readonly string[],
  baseline: readonly string[],
  limit = 8,
): { phrases: SpikeDriver[]; hashtags: SpikeDriver[] } {
  return {
    phrases: overRepresented(window, baseline, phrasesOf, limit),
    hashtags: overRepresented(window, baseline, hashtagsOf, limit),
  };
}
