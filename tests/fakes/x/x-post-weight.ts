/** X's weighted post length limit (twitter-text v3). */
export const MAX_POST_WEIGHT = 280;
const LINK_WEIGHT = 23;

/** Code point ranges X counts as 1 (twitter-text v3's configuration); all others count 2. */
const SINGLE_WEIGHT: [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * A post's length as X weighs it (twitter-text v3), written for the fake on its own so the
 * fake and the adapter cannot share a mistake: NFC text, each link 23, each emoji (however
 * many code points) 2, other code points 1 or 2 by range. Anything shaped like a domain
 * (`name.tld`, with or without a scheme) is taken for a link, so for words like `notes.txt`
 * the fake is stricter than X, never looser.
 */
export function postWeight(text: string): number {
  let weight = 0;
  // A link ends before trailing sentence punctuation, which counts as text.
  const rest = text.normalize('NFC').replace(/(?<![\w@])(?:https?:\/\/\S*[^\s.,!?;:'")\]]|(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*[^\s.,!?;:'")\]])?)/gi, () => {
    weight += LINK_WEIGHT;
    return '';
  });
  for (const { segment } of graphemes.segment(rest)) {
    if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)) {
      weight += 2;
      continue;
    }
    for (const ch of segment) {
      const cp = ch.codePointAt(0)!;
      weight += SINGLE_WEIGHT.some(([a, b]) => cp >= a && cp <= b) ? 1 : 2;
    }
  }
  return weight;
}
