/** A phrase among negative mentions and how many mentions used it in each period. */
export interface RisingPhrase {
  phrase: string;
  current: number;
  previous: number;
  rise: number;
}

// Words that carry no complaint on their own; small on purpose, so the list stays readable.
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for from with about into over after before again still just very ' +
    'is am are was were be been being have has had do does did will would can could should shall may might must ' +
    'i me my mine we us our you your he him his she her it its they them their this that these those there here ' +
    'what which who whom when where why how all any some no not nor so than too only own same such both each ' +
    'up down out off then once more most other ' +
    "im i'm it's its don't dont can't cant didn't didnt won't wont isn't isnt you're youre rt amp"
  ).split(' '),
);

/** Per text, its distinct phrases: content words and pairs of adjacent content words within a clause. */
export function phrasesOf(text: string): Set<string> {
  const found = new Set<string>();
  const cleaned = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#]\w+/g, ' ');
  for (const clause of cleaned.split(/[.,!?;:()"\n\r\u2026-]+/)) {
    const tokens = clause.match(/[a-z0-9']+/g) ?? [];
    let prev: string | undefined;
    for (const token of tokens) {
      const content = token.length >= 3 && !STOPWORDS.has(token);
      if (!content) {
        prev = undefined;
        continue;
      }
      found.add(token);
      if (prev) found.add(`${prev} ${token}`);
      prev = token;
    }
  }
  return found;
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
