import type { Lexicon } from './lexicon/lexicon.ts';
import { finishHash, hashStep, hashString, namespaceSeed } from './text/hash.ts';
import { negationRole } from './text/negation.ts';
import type { StemCache } from './text/stem.ts';
import { TokenKind } from './text/tokenize.ts';

export interface CharNgramConfig {
  min: number;
  max: number;
  weight: number;
}

export const SEED_UNI = namespaceSeed('u');
const SEED_NEG_UNI = namespaceSeed('n');
const SEED_BI = namespaceSeed('b');
const SEED_CHAR = namespaceSeed('c');

const INTENSIFIERS: ReadonlySet<string> = new Set([
  'very', 'so', 'soo', 'really', 'extremely', 'super', 'totally', 'absolutely', 'completely', 'incredibly', 'truly',
  'seriously', 'most', 'too', 'utterly', 'beyond', 'such', 'highly', 'ridiculously', 'insanely', 'fucking', 'freaking',
]);
const DOWNTONERS: ReadonlySet<string> = new Set(['slightly', 'somewhat', 'kinda', 'kind', 'bit', 'little', 'fairly', 'quite', 'barely', 'hardly', 'almost']);
const SARCASM_TAGS: ReadonlySet<string> = new Set(['sarcasm', 'sarcastic', 'not', 'irony', 'notreally', 'thanksfornothing', 'yeahright', 'eyeroll']);

// Role bits of a word, cached with it (the low bits are negationRole's).
export const ROLE_INTENSIFIER = 4;
export const ROLE_DOWNTONER = 8;
export const ROLE_PHRASE_HEAD = 16;
export const ROLE_BUT = 32;
export const ROLE_SARCASM_TAG = 64;
export const ROLE_BRAND = 128;

/** Everything the extractor needs about one word form, computed once and cached. */
export interface WordInfo {
  /** Stem, `<brand>`, or the placeholder/emoji itself. */
  term: string;
  /** Lexicon row (word, else stem), -1 if none. */
  lexRow: number;
  /** negationRole bits plus the ROLE_* bits above. */
  roles: number;
  uniHash: number;
  negUniHash: number;
  /** Hash of "#term", for hashtags. */
  tagHash: number;
  /** Seed of a bigram starting with this term. */
  biHash: number;
  /** Feature rows of the word's character n-grams (empty without them, and for brand names). */
  charRows: Int32Array;
  /** With folded character weights: what those n-grams add to the negative, neutral and positive scores. */
  char0: number;
  char1: number;
  char2: number;
}

/** What describing a word depends on: the model's lexicon, stemmer and settings. */
export interface WordContext {
  lexicon: Lexicon;
  stems: StemCache;
  brandTerms: ReadonlySet<string>;
  charNgrams: CharNgramConfig | null;
  /** Feature row of hash bucket 0 (after the dense rows), and the bucket mask. */
  firstHashRow: number;
  mask: number;
  /** A trained model's weights, to fold each word's n-grams into three numbers; null while training. */
  charWeights: ArrayLike<number> | null;
}

const NO_ROWS = new Int32Array(0);

export function describeWord(text: string, kind: number, ctx: WordContext): WordInfo {
  const isWord = kind === TokenKind.Word || kind === TokenKind.Hashtag;
  const brand = isWord && ctx.brandTerms.has(text);
  const term = !isWord ? text : brand ? '<brand>' : ctx.stems.stem(text);
  let lexRow = -1;
  let roles = 0;
  if (isWord) {
    if (!brand) {
      lexRow = ctx.lexicon.row(text);
      if (lexRow < 0) lexRow = ctx.lexicon.row(term);
    }
    roles =
      negationRole(text) |
      (INTENSIFIERS.has(text) ? ROLE_INTENSIFIER : 0) |
      (DOWNTONERS.has(text) ? ROLE_DOWNTONER : 0) |
      (ctx.lexicon.isPhraseHead(text) ? ROLE_PHRASE_HEAD : 0) |
      (text === 'but' || text === 'however' ? ROLE_BUT : 0) |
      (SARCASM_TAGS.has(text) ? ROLE_SARCASM_TAG : 0) |
      (brand ? ROLE_BRAND : 0);
  }
  const charRows = isWord && !brand && ctx.charNgrams !== null ? charRowsOf(text, ctx.charNgrams, ctx) : NO_ROWS;
  let char0 = 0;
  let char1 = 0;
  let char2 = 0;
  const weights = ctx.charWeights;
  if (weights !== null && charRows.length > 0) {
    const w = ctx.charNgrams!.weight;
    for (const row of charRows) {
      char0 += weights[row * 3]! * w;
      char1 += weights[row * 3 + 1]! * w;
      char2 += weights[row * 3 + 2]! * w;
    }
  }
  return {
    term,
    lexRow,
    roles,
    uniHash: hashString(SEED_UNI, term),
    negUniHash: hashString(SEED_NEG_UNI, term),
    tagHash: hashString(SEED_UNI, '#' + term),
    biHash: hashStep(hashString(SEED_BI, term), 0x7c),
    charRows,
    char0,
    char1,
    char2,
  };
}

function charRowsOf(word: string, config: CharNgramConfig, ctx: WordContext): Int32Array {
  const w = `<${word}>`;
  const rows: number[] = [];
  for (let n = config.min; n <= config.max; n++) {
    for (let start = 0; start + n <= w.length; start++) {
      let h = hashStep(SEED_CHAR, n);
      for (let c = start; c < start + n; c++) h = hashStep(h, w.charCodeAt(c));
      rows.push(ctx.firstHashRow + (finishHash(h) & ctx.mask));
    }
  }
  return Int32Array.from(rows);
}
