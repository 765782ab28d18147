// How long a reply is, counted the way its platform counts it. One function for the dashboard's
// counter and for the server, which refuses an over-limit reply with the same count, so the
// counter can never say "fits" for a reply the server refuses. (The collectors check again
// before posting, with their own copy of X's rules; tests/pipeline/reply-length.test.ts holds
// the two to the same answers.)

/** How a platform counts: X's weighted characters, what a reader sees as characters, or code points. */
export type ReplyCounting = 'x-weighted' | 'graphemes' | 'code-points';

export interface ReplyRule {
  counting: ReplyCounting;
  limit: number;
}

/** X counts every link as this many characters, whatever its length (t.co wraps it). */
export const X_LINK_WEIGHT = 23;

// X's weight table (twitter-text v3): code points in these ranges count 1, every other one 2;
// an emoji (with its modifiers and joiners) counts 2.
const LIGHT: readonly [number, number][] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const LINK_TLDS =
  'com|net|org|edu|gov|io|co|ly|me|app|dev|info|biz|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ca|au|nz|jp|cn|kr|in|br|mx|ai|gg|tv|xyz|shop|store|news|travel|aero';
// A link X wraps: with a scheme, or a bare domain with a known top-level domain; not the domain
// of an e-mail address or one glued to a word.
const LINK = new RegExp(
  String.raw`(?<![\w@.\-/])(?:https?:\/\/[^\s<>"]+|(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${LINK_TLDS})(?![\w-])(?:[/?#][^\s<>"]*)?)`,
  'giu',
);
const LINK_TRAILING_PUNCTUATION = /[.,!?;:'")\]]+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function weight(text: string): number {
  let total = 0;
  for (const { segment } of graphemes.segment(text)) {
    const first = segment.codePointAt(0) ?? 0;
    // © and ® alone are Latin-1 text, not emoji.
    if (PICTOGRAPH.test(segment) && (first > 0xff || segment.includes('\ufe0f') || segment.includes('\u20e3'))) {
      total += 2;
      continue;
    }
    for (const char of segment) {
      const cp = char.codePointAt(0)!;
      total += LIGHT.some(([from, to]) => cp >= from && cp <= to) ? 1 : 2;
    }
  }
  return total;
}

/** X's length of a text: NFC, links 23 each, weighted characters. */
export function xLength(text: string): number {
  const normalized = text.normalize('NFC');
  let total = 0;
  let from = 0;
  for (const match of normalized.matchAll(LINK)) {
    const link = match[0].replace(LINK_TRAILING_PUNCTUATION, '');
    if (!link.includes('.')) continue;
    total += weight(normalized.slice(from, match.index)) + X_LINK_WEIGHT;
    from = match.index + link.length;
  }
  return total + weight(normalized.slice(from));
}

/** The links X would shorten in a text (for the preview). */
export function xLinks(text: string): string[] {
  return [...text.normalize('NFC').matchAll(LINK)].map((m) => m[0].replace(LINK_TRAILING_PUNCTUATION, '')).filter((l) => l.includes('.'));
}

/** A text's length as a platform counts it. */
export function measureReply(text: string, counting: ReplyCounting): number {
  switch (counting) {
    case 'x-weighted':
      return xLength(text);
    case 'graphemes': {
      let n = 0;
      for (const _ of graphemes.segment(text)) n++;
      return n;
    }
    case 'code-points':
      return [...text].length;
  }
}

export interface ReplyLength {
  length: number;
  limit: number;
  /** Characters to remove; 0 when it fits. */
  over: number;
}

export function replyLength(text: string, rule: ReplyRule): ReplyLength {
  const length = measureReply(text, rule.counting);
  return { length, limit: rule.limit, over: Math.max(0, length - rule.limit) };
}

/** How the counter explains the platform's counting, in a few words. */
export function countingNote(counting: ReplyCounting): string {
  switch (counting) {
    case 'x-weighted':
      return `X counts each link as ${X_LINK_WEIGHT}, and emoji and characters such as Chinese, Japanese or Korean as 2.`;
    case 'graphemes':
      return 'An emoji counts as one.';
    case 'code-points':
      return 'Each character counts as one.';
  }
}

/** The message for a reply over the limit, the same on the counter and from the server. */
export function tooLongMessage(platformLabel: string, l: ReplyLength, counting: ReplyCounting): string {
  return `${platformLabel} counts this reply as ${l.length} characters and allows ${l.limit}: shorten it by ${l.over}. (${countingNote(counting)})`;
}
