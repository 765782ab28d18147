import { decodeHtmlEntities } from './decode-entities.ts';

/** What a token is. Numbers rather than strings: the hot loop compares them per token. */
export const TokenKind = {
  Word: 0,
  /** A number or amount; text is `<num>` or `<money>`. */
  Number: 1,
  /** Text is `<url>`. */
  Url: 2,
  /** An @handle; text is `<user>` so no account name becomes a feature. */
  Mention: 3,
  /** Text is the tag, lowercased, without `#`. */
  Hashtag: 4,
  /** One pictographic emoji (modifiers, variation selectors and joiners dropped). */
  Emoji: 5,
  /** A text emoticon; text is a canonical name such as `<smile>` or `<sad>`. */
  Emoticon: 6,
  /** `?`, `!` (runs folded into one), `.` (also `;` `:` `…`) or `,`. */
  Punct: 7,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Bit flags on a token. */
export const TokenFlag = {
  /** Inside a negation's scope ("not *bad at all*"). */
  Negated: 1,
  /** Written with a letter repeated 3+ times ("soooo"), or a repeated `!!!`/emoji. */
  Elongated: 2,
  /** A word of 4+ letters written in capitals. */
  AllCaps: 4,
  /** The token opens a negation scope. */
  Negator: 8,
} as const;

/**
 * Reusable token storage: parallel arrays, so tokenizing a text allocates nothing but the
 * token strings themselves.
 */
export class TokenBuffer {
  length = 0;
  texts: string[] = [];
  kinds = new Uint8Array(64);
  flags = new Uint8Array(64);

  reset(): void {
    this.length = 0;
  }

  push(text: string, kind: TokenKind, flags: number): void {
    const n = this.length;
    if (n === this.kinds.length) {
      const kinds = new Uint8Array(n * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const f = new Uint8Array(n * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.texts[n] = text;
    this.kinds[n] = kind;
    this.flags[n] = flags;
    this.length = n + 1;
  }
}

// Emoticons by canonical name. Longest are tried first, so ">:(" wins over ":(".
const EMOTICONS: Record<string, string[]> = {
  '<smile>': [':)', ':-)', ':]', '=)', '=]', ':o)', ':}', '(:', ':))', ':-))', ':)))'],
  '<laugh>': [':D', ':-D', '=D', 'xD', 'XD', ':DD'],
  '<wink>': [';)', ';-)', ';D', ';]'],
  '<tongue>': [':P', ':-P', ':p', ':-p', ';P', ';p', '=P', '=p'],
  '<heart>': ['<3', '<33', '<333', '<3333'],
  '<brokenheart>': ['</3'],
  '<sad>': [':(', ':-(', ':[', '=(', ';(', ':((', ':-((', ':(((', '=[', ':c'],
  '<cry>': [":'(", ':’(', ":'-(", 'T_T', 'T.T'],
  '<annoyed>': [':/', ':-/', ':\\', ':-\\', '=/', '-_-', '-.-', ':|', ':-|', 'ಠ_ಠ', '>_<'],
  '<angry>': ['>:(', '>:-(', ':@'],
  '<surprise>': [':O', ':o', ':-O', ':-o', 'o_O', 'O_o', 'o.O', 'O.o', 'O_O', 'o_o'],
  '<happy>': ['^_^', '^^', '^.^', '^-^'],
};

interface Emoticon {
  text: string;
  name: string;
  /** Ends in a letter or digit, so it must not run into a following word (":Dallas"). */
  alnumEnd: boolean;
  /** Starts with a letter, so it only counts at the start of a token ("xD", "o_O"). */
  alnumStart: boolean;
}

const EMOTICONS_BY_FIRST = new Map<number, Emoticon[]>();
/** Emoticons by first character code below 128, for the per-token check. */
const ASCII_EMOTICONS: (Emoticon[] | undefined)[] = [];
for (const [name, list] of Object.entries(EMOTICONS)) {
  for (const text of list) {
    const first = text.charCodeAt(0);
    const entry: Emoticon = { text, name, alnumEnd: isAlnum(text.charCodeAt(text.length - 1)), alnumStart: isAlnum(first) };
    const bucket = EMOTICONS_BY_FIRST.get(first) ?? [];
    bucket.push(entry);
    EMOTICONS_BY_FIRST.set(first, bucket);
  }
}
for (const [first, bucket] of EMOTICONS_BY_FIRST) {
  bucket.sort((a, b) => b.text.length - a.text.length);
  if (first < 128) ASCII_EMOTICONS[first] = bucket;
}

/** Canonical emoticon names, for lexicons and tests. */
export const EMOTICON_NAMES: readonly string[] = Object.keys(EMOTICONS);

function isAsciiLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}

/** Letters beyond ASCII: Latin accents, Greek/Cyrillic/Hebrew/Arabic…, CJK, Hangul. */
function isLetter(c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  return (
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x370 && c < 0x2000) ||
    (c >= 0x3040 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x02bc;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x3000;
}

function isHandleChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** Pictographs that are emoji in tweets: ✈ ❤ ☺ ⭐ ✅ ❌ and the astral emoji planes. */
function isBmpPictograph(c: number): boolean {
  return (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff) || (c >= 0x2300 && c <= 0x23ff) || c === 0x2764;
}

const SKIN_TONE_LOW = 0x1f3fb;
const SKIN_TONE_HIGH = 0x1f3ff;

/** Collapses runs of 3+ equal characters to 2 ("soooo" → "soo", "goooood" → "good"). */
export function squeezeRepeats(word: string, keep = 2): string {
  let out = '';
  let run = 0;
  let prev = -1;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run <= keep) out += word[i];
  }
  return out;
}

function stripApostrophes(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) if (!isApostrophe(word.charCodeAt(i))) out += word[i];
  return out;
}

/**
 * Splits a social-media post into tokens, appending them to `out` (which is reset first).
 *
 * - Words are lowercased; apostrophes are dropped so "don't", "don’t" and "dont" agree;
 *   letters repeated 3+ times are cut to 2 and the token is flagged Elongated.
 * - @handles, URLs and numbers become `<user>`, `<url>`, `<num>`/`<money>`.
 * - Hashtags keep their word; emoji are single tokens; emoticons get canonical names.
 * - HTML entities are decoded first, so "&lt;3" is a heart.
 */
export function tokenizeInto(raw: string, out: TokenBuffer): void {
  out.reset();
  const text = decodeHtmlEntities(raw);
  let lower = text.toLowerCase();
  // A few characters change length when lowercased (İ); keep the indexes aligned.
  if (lower.length !== text.length) lower = text;
  const n = text.length;
  let i = 0;
  let lastEmoji = '';
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const atTokenStart = i === 0 || isSpace(text.charCodeAt(i - 1));

    const candidates = c < 128 ? ASCII_EMOTICONS[c] : EMOTICONS_BY_FIRST.get(c);
    if (candidates !== undefined) {
      let matched: Emoticon | undefined;
      for (const e of candidates) {
        if (e.alnumStart && !atTokenStart) continue;
        if (!text.startsWith(e.text, i)) continue;
        const next = text.charCodeAt(i + e.text.length);
        if (e.alnumEnd && (isAlnum(next) || isLetter(next))) continue;
        matched = e;
        break;
      }
      if (matched !== undefined) {
        out.push(matched.name, TokenKind.Emoticon, 0);
        i += matched.text.length;
        lastEmoji = '';
        continue;
      }
    }

    if (isLetter(c)) {
      // URLs written without a scheme are common ("t.co/…", "www.…").
      if (
        (c === 104 || c === 72 || c === 119 || c === 87 || c === 116 || c === 84) &&
        (lower.startsWith('http://', i) || lower.startsWith('https://', i) || lower.startsWith('www.', i) || lower.startsWith('t.co/', i))
      ) {
        let j = i;
        while (j < n && !isSpace(text.charCodeAt(j))) j++;
        out.push('<url>', TokenKind.Url, 0);
        i = j;
        lastEmoji = '';
        continue;
      }
      let j = i;
      let upper = 0;
      let letters = 0;
      let apostrophes = false;
      let run = 0;
      let maxRun = 0;
      let prev = -1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || isDigit(d)) {
          if (d >= 65 && d <= 90) upper++;
          if (!isDigit(d)) letters++;
          const l = lower.charCodeAt(j);
          run = l === prev ? run + 1 : 1;
          if (run > maxRun) maxRun = run;
          prev = l;
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
          apostrophes = true;
          j++;
        } else break;
      }
      let word = lower.slice(i, j);
      if (apostrophes) word = stripApostrophes(word);
      let flags = 0;
      if (maxRun >= 3) {
        word = squeezeRepeats(word);
        flags |= TokenFlag.Elongated;
      }
      if (letters >= 4 && upper === letters) flags |= TokenFlag.AllCaps;
      out.push(word, TokenKind.Word, flags);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (isDigit(c)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d)) j++;
        else if ((d === 46 || d === 44 || d === 58) && j + 1 < n && isDigit(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      out.push(i > 0 && text.charCodeAt(i - 1) === 36 ? '<money>' : '<num>', TokenKind.Number, 0);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (c === 64 /* @ */ && i + 1 < n && isHandleChar(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && isHandleChar(text.charCodeAt(j))) j++;
      out.push('<user>', TokenKind.Mention, 0);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (c === 35 /* # */ && i + 1 < n && (isHandleChar(text.charCodeAt(i + 1)) || isLetter(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isHandleChar(text.charCodeAt(j)) || isLetter(text.charCodeAt(j)))) j++;
      out.push(lower.slice(i + 1, j), TokenKind.Hashtag, 0);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (c === 33 || c === 63) {
      let j = i;
      let bang = false;
      let question = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 33) bang = true;
        else if (d === 63) question = true;
        else if (!isSpace(d) || !(text.charCodeAt(j + 1) === 33 || text.charCodeAt(j + 1) === 63)) break;
        j++;
      }
      const flags = j - i >= 2 ? TokenFlag.Elongated : 0;
      if (question) out.push('?', TokenKind.Punct, flags);
      if (bang) out.push('!', TokenKind.Punct, flags);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (c === 46 || c === 59 || c === 58 || c === 0x2026 || c === 44) {
      let j = i + 1;
      let comma = c === 44;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 46 || d === 59 || d === 58 || d === 0x2026) comma = false;
        else if (d !== 44) break;
        j++;
      }
      out.push(comma ? ',' : '.', TokenKind.Punct, 0);
      i = j;
      lastEmoji = '';
      continue;
    }

    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const cp = text.codePointAt(i) ?? 0;
      i += 2;
      if (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= SKIN_TONE_LOW && cp <= SKIN_TONE_HIGH) && !(cp >= 0x1f1e6 && cp <= 0x1f1ff)) {
        i = skipEmojiTail(text, i);
        const symbol = String.fromCodePoint(cp);
        pushEmoji(out, symbol, lastEmoji);
        lastEmoji = symbol;
      }
      continue;
    }

    if (isBmpPictograph(c)) {
      i = skipEmojiTail(text, i + 1);
      const symbol = String.fromCharCode(c);
      pushEmoji(out, symbol, lastEmoji);
      lastEmoji = symbol;
      continue;
    }

    // Quotes, brackets, dashes, slashes and other symbols carry nothing we use.
    i++;
  }
}

/** Repeated emoji ("😂😂😂") count once, flagged Elongated. */
function pushEmoji(out: TokenBuffer, symbol: string, lastEmoji: string): void {
  if (symbol === lastEmoji && out.length > 0) {
    out.flags[out.length - 1]! |= TokenFlag.Elongated;
    return;
  }
  out.push(symbol, TokenKind.Emoji, 0);
}

/** Skips variation selectors, skin tones and zero-width-joined continuations of an emoji. */
function skipEmojiTail(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0xfe0f || c === 0xfe0e || c === 0x20e3) {
      i++;
    } else if (c === 0xd83c && i + 1 < n) {
      const cp = text.codePointAt(i) ?? 0;
      if (cp >= SKIN_TONE_LOW && cp <= SKIN_TONE_HIGH) i += 2;
      else break;
    } else if (c === 0x200d && i + 1 < n) {
      // Joined sequences (👨‍👩‍👧) are one emoji: keep the first, skip the rest.
      const next = text.charCodeAt(i + 1);
      i += next >= 0xd800 && next <= 0xdbff ? 3 : 2;
    } else break;
  }
  return i;
}

/** A token as plain data, for tests and tools; the classifier uses {@link TokenBuffer}. */
export interface Token {
  text: string;
  kind: keyof typeof TokenKind;
  negated: boolean;
  elongated: boolean;
  allCaps: boolean;
}

const KIND_NAMES = Object.fromEntries(Object.entries(TokenKind).map(([k, v]) => [v, k])) as Record<number, keyof typeof TokenKind>;

/** Converts the buffer's tokens to plain objects (allocates; not for the hot path). */
export function tokensOf(buffer: TokenBuffer): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const f = buffer.flags[i]!;
    tokens.push({
      text: buffer.texts[i]!,
      kind: KIND_NAMES[buffer.kinds[i]!]!,
      negated: (f & TokenFlag.Negated) !== 0,
      elongated: (f & TokenFlag.Elongated) !== 0,
      allCaps: (f & TokenFlag.AllCaps) !== 0,
    });
  }
  return tokens;
}
