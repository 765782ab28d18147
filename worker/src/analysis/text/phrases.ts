// What a mention is "about", in words a person reads: the weekly report's rising phrases and a
// spike alert's drivers both count these, so a phrase means the same thing in both places.

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

/**
 * Per text, its distinct hashtags, lower-cased with their `#` ("#Outage" and "#outage" are one
 * tag). `phrasesOf` leaves hashtags out, so a tag is never counted twice as a word.
 */
export function hashtagsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]{2,60})/gu)) {
    const tag = m[1]!;
    // "#1" or "#2024" is a number, not a topic.
    if (/^\d+$/.test(tag)) continue;
    found.add(`#${tag.toLowerCase()}`);
  }
  return found;
}
