import { phrasesOf } from '../analysis/text/phrases.ts';

/** A phrase among negative mentions and how many mentions used it in each period. */
export interface RisingPhrase {
  phrase: string;
  current: number;
  previous: number;
  rise: number;
}

function documentFrequency(texts: readonly string[], scale: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const p of phrasesOf(text)) counts.set(p, (counts.get(p) ?? 0) + 1);
  if (scale !== 1) for (const [p, n] of counts) counts.set(p, Math.round(n * scale));
  return counts;
}

/**
 * Phrases used by more negative mentions this period than last, most risen first (then most
 * used, then alphabetical). A phrase needs at least two mentions this period; a word is left out
 * when a two-word phrase containing it is used exactly as often (it says the same, less clearly).
 * `scale` turns a sample's counts into estimates for all mentions.
 */
export function risingPhrases(
  current: { texts: readonly string[]; scale: number },
  previous: { texts: readonly string[]; scale: number },
  limit = 10,
): RisingPhrase[] {
  const now = documentFrequency(current.texts, current.scale);
  const before = documentFrequency(previous.texts, previous.scale);
  const covered = new Set<string>();
  for (const [phrase, n] of now) {
    if (n < 2 || !phrase.includes(' ')) continue;
    for (const word of phrase.split(' ')) if (now.get(word) === n) covered.add(word);
  }
  const candidates: RisingPhrase[] = [];
  for (const [phrase, n] of now) {
    if (n < 2 || covered.has(phrase)) continue;
    const previousCount = before.get(phrase) ?? 0;
    if (n > previousCount)
      candidates.push({ phrase, current: n, previous: previousCount, rise: n - previousCount });
  }
  return candidates
    .sort(
      (a, b) =>
        b.rise - a.rise ||
        b.current - a.current ||
        (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0),
    )
    .slice(0, limit);
}
