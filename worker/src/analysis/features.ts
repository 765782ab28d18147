import { type Lexicon, LEXICON_COLUMNS } from './lexicon/lexicon.ts';
import { finishHash, hashStep, hashString } from './text/hash.ts';
import { markNegation } from './text/negation.ts';
import type { StemCache } from './text/stem.ts';
import { squeezeRepeats, TokenBuffer, TokenFlag, TokenKind, tokenizeInto } from './text/tokenize.ts';
import { BucketSet } from './bucket-set.ts';
import { emptyTextSignals, resetTextSignals, type TextSignals } from './text-signals.ts';
import {
  type CharNgramConfig,
  describeWord,
  ROLE_BRAND,
  ROLE_BUT,
  ROLE_DOWNTONER,
  ROLE_INTENSIFIER,
  ROLE_PHRASE_HEAD,
  ROLE_SARCASM_TAG,
  SEED_UNI,
  type WordContext,
  type WordInfo,
} from './word-info.ts';

export type { CharNgramConfig, TextSignals };

/** Settings that change which features a text produces; stored in the model. */
export interface FeatureConfig {
  /** Hashed features go to 2^hashBits buckets. */
  hashBits: number;
  /** How many words a negation reaches at most. */
  negationWindow: number;
  bigrams: boolean;
  /**
   * Word, hashtag and bigram features count once per text however often they occur
   * (cross-validated: slightly better than counts on short posts).
   */
  binary: boolean;
  /**
   * Hashed character n-grams of each word (with `<` `>` marking its edges), each adding
   * `weight` and summed over the words. They let unseen spellings and inflections
   * ("cancelation", "rebooked", "refundable") share weight with the forms seen in training.
   * Null for none.
   */
  charNgrams: CharNgramConfig | null;
}

/**
 * Fixed-position features before the hashed ones: lexicon evidence and counts. Lexicon
 * sums are split by sign and by negation so the model learns how much a negation
 * actually flips ("not bad" is mildly positive, "not good" clearly negative).
 */
export const DENSE = {
  bias: 0,
  afinnPos: 1,
  afinnNeg: 2,
  afinnPosNegated: 3,
  afinnNegNegated: 4,
  patternPos: 5,
  patternNeg: 6,
  patternPosNegated: 7,
  patternNegNegated: 8,
  emojiPos: 9,
  emojiNeg: 10,
  question: 11,
  exclaim: 12,
  allCaps: 13,
  elongated: 14,
  urls: 15,
  mentions: 16,
  hashtags: 17,
  sarcasm: 18,
  length: 19,
  noLexicon: 20,
  negators: 21,
} as const;
/**
 * Rows reserved for dense features: 22 are used, the rest are spare. Hash buckets start at
 * this row in every stored model (the shared one and each brand's overlay), so changing it
 * would move every hashed weight and invalidate them all; a new dense feature takes a spare
 * row instead, where an existing model's weight is 0, and needs no retraining to load.
 */
export const DENSE_SIZE = 32;

/**
 * Where each lexicon column's evidence goes (LEXICON_COLUMNS: AFINN, then Pattern): its
 * positive and negative sums, plain and under a negation. Spelled out, so the layout of
 * {@link DENSE} can change without {@link FeatureExtractor} adding to the wrong rows.
 */
const LEXICON_SUM_ROWS: readonly { pos: number; neg: number; posNegated: number; negNegated: number }[] = [
  { pos: DENSE.afinnPos, neg: DENSE.afinnNeg, posNegated: DENSE.afinnPosNegated, negNegated: DENSE.afinnNegNegated },
  { pos: DENSE.patternPos, neg: DENSE.patternNeg, posNegated: DENSE.patternPosNegated, negNegated: DENSE.patternNegNegated },
];
if (LEXICON_SUM_ROWS.length !== LEXICON_COLUMNS) throw new Error('features.ts: LEXICON_SUM_ROWS needs one entry per lexicon column');

/** The sentiment evidence a "but" halves: every lexicon and emoji sum. */
const EVIDENCE_ROWS: readonly number[] = [...LEXICON_SUM_ROWS.flatMap((r) => [r.pos, r.neg, r.posNegated, r.negNegated]), DENSE.emojiPos, DENSE.emojiNeg];

/**
 * What the lexicon sums should mean before any data is seen: weights (negative, neutral,
 * positive) per unit of evidence. Training pulls these features towards this prior
 * rather than towards 0, so evidence the training data rarely shows (an angry emoji, a
 * negated insult) still counts the right way, while common evidence follows the data.
 */
export const DENSE_PRIOR: ReadonlyMap<number, readonly number[]> = new Map([
  [DENSE.afinnPos, [-1, 0, 1]],
  [DENSE.afinnNeg, [1, 0, -1]],
  [DENSE.patternPos, [-1, 0, 1]],
  [DENSE.patternNeg, [1, 0, -1]],
  [DENSE.emojiPos, [-1, 0, 1]],
  [DENSE.emojiNeg, [1, 0, -1]],
]);

/** The feature settings stored in a model's hyperparameters. */
export function featureConfigOf(hp: { hashBits: number; negationWindow: number; bigrams: boolean; binary: boolean; charNgrams: CharNgramConfig | null }): FeatureConfig {
  return { hashBits: hp.hashBits, negationWindow: hp.negationWindow, bigrams: hp.bigrams, binary: hp.binary, charNgrams: hp.charNgrams };
}

/** Total weight rows for a config: dense positions then hash buckets. */
export function featureDimension(config: FeatureConfig): number {
  return DENSE_SIZE + 2 ** config.hashBits;
}

/** A sparse vector, reused between texts. */
export class FeatureVector {
  length = 0;
  index = new Int32Array(256);
  value = new Float32Array(256);

  reset(): void {
    this.length = 0;
  }

  push(index: number, value: number): void {
    const n = this.length;
    if (n === this.index.length) {
      const index2 = new Int32Array(n * 2);
      index2.set(this.index);
      this.index = index2;
      const value2 = new Float32Array(n * 2);
      value2.set(this.value);
      this.value = value2;
    }
    this.index[n] = index;
    this.value[n] = value;
    this.length = n + 1;
  }

  /** A compact copy for training sets. */
  snapshot(): { index: Int32Array; value: Float32Array } {
    return { index: this.index.slice(0, this.length), value: this.value.slice(0, this.length) };
  }
}

const START = '<s>';
const END = '</s>';

/**
 * How much a negated lexicon word counts the other way round (a fixed prior, as in
 * VADER): "not good" is fairly negative, "not bad" mildly positive. The split negated
 * sums let the model learn any correction on top.
 */
const NEGATION_FLIP = 0.74;

/** Combines two hashes into a bigram's. */
function pairHash(left: number, right: number): number {
  return hashStep(hashStep(left, right & 0xffff), right >>> 16);
}

/**
 * Turns a text into hashed unigram/bigram stem features (negation-marked) and dense
 * lexicon/shape features. Per word form it caches the stem, lexicon row, roles and
 * hashes, so a text costs one map lookup per token. One instance per caller: it reuses
 * its buffers between calls.
 */
export class FeatureExtractor {
  readonly tokens = new TokenBuffer();
  readonly signals: TextSignals = emptyTextSignals();
  /** Stem (or placeholder) of each token of the last text, brand names as `<brand>`. */
  readonly terms: string[] = [];
  private readonly words: WordContext;
  private readonly dense = new Float64Array(DENSE_SIZE);
  private readonly infos: WordInfo[] = [];
  private roles = new Uint8Array(64);
  private readonly cache = new Map<string, WordInfo>();
  private readonly startInfo: WordInfo;
  private readonly endHash = hashString(SEED_UNI, END);
  private readonly seenTags: string[] = [];
  /** Null unless features are binary (each counts once per text). */
  private readonly buckets: BucketSet | null;
  private readonly mask: number;
  /**
   * With {@link foldCharWeights}: the character n-grams' contribution to the class scores
   * of the last text, to be added to the logits of {@link extract}'s vector.
   */
  readonly charScores = new Float64Array(3);

  constructor(
    readonly config: FeatureConfig,
    private readonly lexicon: Lexicon,
    stems: StemCache,
    brandTerms: ReadonlySet<string>,
    private readonly maxCached = 200_000,
  ) {
    this.mask = 2 ** config.hashBits - 1;
    this.words = { lexicon, stems, brandTerms, charNgrams: config.charNgrams, firstHashRow: DENSE_SIZE, mask: this.mask, charWeights: null };
    this.buckets = config.binary ? new BucketSet() : null;
    this.startInfo = describeWord(START, TokenKind.Punct, this.words);
  }

  /**
   * Instead of emitting character n-gram features, adds their weighted sum straight into
   * {@link charScores}, computed once per word form: a trained model's n-gram weights are
   * fixed, so each word's n-grams add the same three numbers every time it occurs. Keeps
   * classifying as fast as without n-grams.
   */
  foldCharWeights(weights: ArrayLike<number>): void {
    this.words.charWeights = weights;
    this.cache.clear();
  }

  /** Fills the word cache ahead of use (the model's training vocabulary). */
  preload(words: Iterable<string>): void {
    for (const w of words) this.info(w, TokenKind.Word);
  }

  private info(text: string, kind: number): WordInfo {
    let info = this.cache.get(text);
    if (info === undefined) {
      info = describeWord(text, kind, this.words);
      if (this.cache.size >= this.maxCached) this.cache.clear();
      this.cache.set(text, info);
    }
    return info;
  }

  private emit(out: FeatureVector, h: number): void {
    const bucket = finishHash(h) & this.mask;
    if (this.buckets !== null && !this.buckets.add(bucket)) return;
    out.push(DENSE_SIZE + bucket, 1);
  }

  extract(text: string, out: FeatureVector): void {
    out.reset();
    this.buckets?.startText();
    let char0 = 0;
    let char1 = 0;
    let char2 = 0;
    const charWeight = this.config.charNgrams?.weight ?? 0;
    const foldChars = this.words.charWeights !== null;
    const tokens = this.tokens;
    tokenizeInto(text, tokens);
    const n = tokens.length;
    const { texts, kinds, flags } = tokens;
    const infos = this.infos;
    if (this.roles.length < n) this.roles = new Uint8Array(tokens.kinds.length);
    const roles = this.roles;
    for (let i = 0; i < n; i++) {
      const info = this.info(texts[i]!, kinds[i]!);
      infos[i] = info;
      roles[i] = info.roles;
    }
    markNegation(tokens, this.config.negationWindow, roles);

    const dense = this.dense;
    dense.fill(0);
    const sig = this.signals;
    resetTextSignals(sig);
    this.seenTags.length = 0;
    const terms = this.terms;
    terms.length = n;

    const lex = this.lexicon;
    const bigrams = this.config.bigrams;
    let lexHits = 0;
    let prev = this.startInfo;
    let prevWord = '';
    let prevPrevWord = '';
    let prevRoles = 0;
    let leading = true;

    for (let i = 0; i < n; i++) {
      const kind = kinds[i]!;
      const f = flags[i]!;
      const raw = texts[i]!;
      const info = infos[i]!;
      terms[i] = info.term;
      const negated = (f & TokenFlag.Negated) !== 0;
      if (f & TokenFlag.Elongated) dense[DENSE.elongated]!++;

      switch (kind) {
        case TokenKind.Word:
        case TokenKind.Hashtag: {
          const r = info.roles;
          if (foldChars) {
            char0 += info.char0;
            char1 += info.char1;
            char2 += info.char2;
          } else {
            const rows = info.charRows;
            for (let c = 0; c < rows.length; c++) out.push(rows[c]!, charWeight);
          }
          if (kind === TokenKind.Word) sig.words++;
          else {
            sig.hashtags++;
            if (this.seenTags.includes(raw)) sig.repeatedHashtags++;
            else this.seenTags.push(raw);
            if (r & ROLE_SARCASM_TAG) sig.sarcasm = true;
          }
          if (f & TokenFlag.AllCaps) dense[DENSE.allCaps]!++;
          if (f & TokenFlag.Negator) dense[DENSE.negators]!++;
          if (r & ROLE_BUT) {
            // What follows "but" usually carries the verdict: halve what came before.
            for (let e = 0; e < EVIDENCE_ROWS.length; e++) dense[EVIDENCE_ROWS[e]!]! *= 0.5;
          }
          if (raw === 'nothing' && prevWord === 'for' && (prevPrevWord === 'thanks' || prevPrevWord === 'thank')) sig.sarcasm = true;
          else if (raw === 'right' && prevWord === 'yeah') sig.sarcasm = true;

          if (!(r & ROLE_BRAND)) {
            let row = info.lexRow;
            if (row < 0 && f & TokenFlag.Elongated) row = lex.row(squeezeRepeats(raw, 1));
            let scale = prevRoles & ROLE_INTENSIFIER ? 1.5 : prevRoles & ROLE_DOWNTONER ? 0.5 : 1;
            if (f & (TokenFlag.AllCaps | TokenFlag.Elongated)) scale *= 1.3;
            if (row >= 0) {
              lexHits++;
              this.addLexicon(row * LEXICON_COLUMNS, negated, scale);
            }
            if (prevRoles & ROLE_PHRASE_HEAD) {
              const phraseRow = lex.row(prevWord + ' ' + raw);
              if (phraseRow >= 0) {
                lexHits++;
                this.addLexicon(phraseRow * LEXICON_COLUMNS, false, 1);
              }
            }
          }
          prevPrevWord = prevWord;
          prevWord = raw;
          prevRoles = r;
          break;
        }
        case TokenKind.Emoji:
        case TokenKind.Emoticon: {
          sig.emoji++;
          let p = lex.emojiPolarity(raw);
          if (p !== 0) {
            lexHits++;
            if (f & TokenFlag.Elongated) p *= 1.5;
            if (p > 0) dense[DENSE.emojiPos]! += p;
            else dense[DENSE.emojiNeg]! -= p;
          }
          break;
        }
        case TokenKind.Url:
          sig.urls++;
          break;
        case TokenKind.Mention:
          sig.mentions++;
          break;
        case TokenKind.Punct:
          if (raw === '?') sig.questions++;
          else if (raw === '!') sig.exclamations++;
          break;
        default:
          break;
      }

      if (kind === TokenKind.Punct && (raw === '.' || raw === ',')) {
        prev = this.startInfo;
        continue;
      }
      // Leading @handles are just addressing; the first real word should pair with the start.
      if (kind === TokenKind.Mention && leading) {
        this.emit(out, info.uniHash);
        continue;
      }
      leading = false;
      this.emit(out, negated ? info.negUniHash : info.uniHash);
      if (kind === TokenKind.Hashtag) this.emit(out, info.tagHash);
      if (bigrams) this.emit(out, pairHash(prev.biHash, info.uniHash));
      prev = info;
    }
    if (bigrams && prev !== this.startInfo) this.emit(out, pairHash(prev.biHash, this.endHash));

    this.charScores[0] = char0;
    this.charScores[1] = char1;
    this.charScores[2] = char2;
    if (sig.sarcasm) {
      // Praise words under a sarcasm marker are complaints ("great job #not").
      dense[DENSE.afinnNeg]! += dense[DENSE.afinnPos]!;
      dense[DENSE.patternNeg]! += dense[DENSE.patternPos]!;
      dense[DENSE.afinnPos] = 0;
      dense[DENSE.patternPos] = 0;
      dense[DENSE.sarcasm] = 1;
    }
    sig.lexiconBalance = dense[DENSE.afinnPos]! - dense[DENSE.afinnNeg]! + dense[DENSE.emojiPos]! - dense[DENSE.emojiNeg]!;

    dense[DENSE.bias] = 1;
    dense[DENSE.question] = sig.questions > 0 ? 1 : 0;
    dense[DENSE.exclaim] = Math.min(sig.exclamations, 3) / 3;
    dense[DENSE.allCaps] = Math.min(dense[DENSE.allCaps]!, 3) / 3;
    dense[DENSE.elongated] = Math.min(dense[DENSE.elongated]!, 3) / 3;
    dense[DENSE.urls] = Math.min(sig.urls, 2) / 2;
    dense[DENSE.mentions] = Math.min(sig.mentions, 4) / 4;
    dense[DENSE.hashtags] = Math.min(sig.hashtags, 4) / 4;
    dense[DENSE.length] = Math.min(n, 40) / 40;
    dense[DENSE.noLexicon] = lexHits === 0 ? 1 : 0;
    dense[DENSE.negators] = Math.min(dense[DENSE.negators]!, 2) / 2;
    for (let d = 0; d < DENSE_SIZE; d++) {
      const v = dense[d]!;
      if (v !== 0) out.push(d, v);
    }
  }

  /**
   * Adds one lexicon row to the sums. A negated word counts in its own "negated" sum and,
   * flipped and damped by {@link NEGATION_FLIP}, in the plain sums of the other sign.
   */
  private addLexicon(base: number, negated: boolean, scale: number): void {
    const v = this.lexicon.values;
    const dense = this.dense;
    for (let c = 0; c < LEXICON_COLUMNS; c++) {
      const x = v[base + c]! * scale;
      if (x === 0) continue;
      const rows = LEXICON_SUM_ROWS[c]!;
      if (!negated) {
        if (x > 0) dense[rows.pos]! += x;
        else dense[rows.neg]! -= x;
      } else if (x > 0) {
        dense[rows.posNegated]! += x;
        dense[rows.neg]! += NEGATION_FLIP * x;
      } else {
        dense[rows.negNegated]! -= x;
        dense[rows.pos]! -= NEGATION_FLIP * x;
      }
    }
  }
}
