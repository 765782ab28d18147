/**
 * How X counts a post's length (its twitter-text v3 rules, the essential part): text is
 * NFC-normalized; every link counts as 23 characters whatever its length, because X wraps it
 * in t.co; code points in the Latin-and-punctuation ranges below count 1 and every other
 * code point (CJK, most other scripts) counts 2; an emoji counts 2 however many code points
 * it is made of (skin tones, ZWJ families, flags).
 */

export const X_MAX_POST_LENGTH = 280;
export const X_LINK_LENGTH = 23;

/** Code point ranges that weigh 1 (twitter-text v3 config); everything else weighs 2. */
const LIGHT_RANGES: readonly [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const TLDS = 'com|net|org|edu|gov|io|co|ly|me|app|dev|info|biz|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ca|au|nz|jp|cn|kr|in|br|mx|ai|gg|tv|xyz|shop|store|news|travel|aero';
/**
 * Links X would wrap: with a scheme, or a bare domain with a known top-level domain. A domain
 * right after @ or inside a word (an e-mail address, a handle) is not a link.
 */
const LINK = new RegExp(
  String.raw`(?<![\w@.\-/])(?:https?:\/\/[^\s<>"]+|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})(?![\w-])(?:[/?#][^\s<>"]*)?)`,
  'giu',
);
/** Punctuation that ends a sentence, not the link. */
const TRAILING = /[.,!?;:'")\]]+$/u;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function isLight(codePoint: number): boolean {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

function weighPlain(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    const first = segment.codePointAt(0) ?? 0;
    // A pictograph with its modifiers and joiners is one emoji. Plain © or ® (Latin-1) stay text.
    if (EMOJI.test(segment) && (first > 0xff || segment.includes('\ufe0f') || segment.includes('\u20e3'))) {
      weight += 2;
      continue;
    }
    for (const char of segment) weight += isLight(char.codePointAt(0)!) ? 1 : 2;
  }
  return weight;
}

/** The length X gives `text`, to compare with X_MAX_POST_LENGTH. */
export function xWeightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let last = 0;
  for (const match of normalized.matchAll(LINK)) {
    const link = match[0].replace(TRAILING, '');
    if (!link.includes('.')) continue;
    weight += weighPlain(normalized.slice(last, match.index)) + X_LINK_LENGTH;
    last = match.index + link.length;
  }
  return weight + weighPlain(normalized.slice(last));
}

/** Whether X will accept `text` as a reply, with a message the agent can act on when not. */
export function checkXReply(text: string): { ok: true } | { ok: false; message: string } {
  if (text.trim().length === 0) return { ok: false, message: 'A reply on X needs some text.' };
  const length = xWeightedLength(text);
  if (length <= X_MAX_POST_LENGTH) return { ok: true };
  return {
    ok: false,
    message:
      `X counts this reply as ${length} characters and allows ${X_MAX_POST_LENGTH}: shorten it by ${length - X_MAX_POST_LENGTH}. ` +
      `(X counts every link as ${X_LINK_LENGTH}, and emoji and characters such as Chinese, Japanese or Korean as 2.)`,
  };
}
