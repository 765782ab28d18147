import { type Lexicon, LEXICON_COLUMNS } from './lexicon/lexicon.ts';
import { finishHash, hashStep, hashString, namespaceSeed } from './text/hash.ts';
import { markNegation, negationRole } from './text/negation.ts';
import type { StemCache } from './text/stem.ts';
import { squeezeRepeats, TokenBuffer, TokenFlag, TokenKind, tokenizeInto } from './text/tokenize.ts';

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

export interface CharNgramConfig {
  min: number;
  max: number;
  weight: number;
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
export const DENSE_SIZE = 32;

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

/** Facts about the last text that intent, spam and topic rules use. */
export interface TextSignals {
  words: number;
  questions: number;
  exclamations: number;
  urls: number;
  mentions: number;
  hashtags: number;
  /** Hashtags used more than once in the same text. */
  repeatedHashtags: number;
  emoji: number;
  sarcasm: boolean;
  /** Sum of lexicon and emoji evidence, roughly -n … +n. */
  lexiconBalance: number;
}

const SEED_UNI = namespaceSeed('u');
const SEED_NEG_UNI = namespaceSeed('n');
const SEED_BI = namespaceSeed('b');
const SEED_CHAR = namespaceSeed('c');
const START = '<s>';
const END = '</s>';

const INTENSIFIERS: ReadonlySet<string> = new Set([
  'very', 'so', 'soo', 'really', 'extremely', 'super', 'totally', 'absolutely', 'completely', 'incredibly', 'truly',
  'seriously', 'most', 'too', 'utterly', 'beyond', 'such', 'highly', 'ridiculously', 'insanely', 'fucking', 'freaking',
]);
const DOWNTONERS: ReadonlySet<string> = new Set(['slightly', 'somewhat', 'kinda', 'kind', 'bit', 'little', 'fairly', 'quite', 'barely', 'hardly', 'almost']);
const SARCASM_TAGS: ReadonlySet<string> = new Set(['sarcasm', 'sarcastic', 'not', 'irony', 'notreally', 'thanksfornothing', 'yeahright', 'eyeroll']);

/**
 * How much a negated lexicon word counts the other way round (a fixed prior, as in
 * VADER): "not good" is fairly negative, "not bad" mildly positive. The split negated
 * sums let the model learn any correction on top.
 */
const NEGATION_FLIP = 0.74;

// Role bits of a word, cached with it.
const ROLE_INTENSIFIER = 4;
const ROLE_DOWNTONER = 8;
const ROLE_PHRASE_HEAD = 16;
const ROLE_BUT = 32;
const ROLE_SARCASM_TAG = 64;
const ROLE_BRAND = 128;

/** Everything the extractor needs about one word form, computed once and cached. */
interface WordInfo {
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

const NO_ROWS = new Int32Array(0);
/** Starting size of the per-text set of emitted buckets (a power of two). */
const SEEN_SLOTS = 256;

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
  readonly signals: TextSignals = {
    words: 0,
    questions: 0,
    exclamations: 0,
    urls: 0,
    mentions: 0,
    hashtags: 0,
    repeatedHashtags: 0,
    emoji: 0,
    sarcasm: false,
    lexiconBalance: 0,
  };
  /** Stem (or placeholder) of each token of the last text, brand names as `<brand>`. */
  readonly terms: string[] = [];
  private readonly mask: number;
  private readonly dense = new Float64Array(DENSE_SIZE);
  private readonly infos: WordInfo[] = [];
  private roles = new Uint8Array(64);
  private readonly cache = new Map<string, WordInfo>();
  private readonly startInfo: WordInfo;
  private readonly endHash = hashString(SEED_UNI, END);
  private readonly seenTags: string[] = [];
  /**
   * Buckets emitted for the current text, as a small open-addressing set keyed by a
   * per-text generation: it stays in the CPU cache, where a stamp per hash bucket (4 MB)
   * cost a third of the classifying speed. Null unless features are binary.
   */
  private seen: Int32Array | null;
  private seenGeneration: Uint32Array;
  private generation = 0;
  private emitted = 0;
  private emittedBuckets = new Int32Array(SEEN_SLOTS / 2);
  private charWeights: ArrayLike<number> | null = null;
  /**
   * With {@link foldCharWeights}: the character n-grams' contribution to the class scores
   * of the last text, to be added to the logits of {@link extract}'s vector.
   */
  readonly charScores = new Float64Array(3);

  constructor(
    readonly config: FeatureConfig,
    private readonly lexicon: Lexicon,
    private readonly stems: StemCache,
    private readonly brandTerms: ReadonlySet<string>,
    private readonly maxCached = 200_000,
  ) {
    this.mask = 2 ** config.hashBits - 1;
    this.seen = config.binary ? new Int32Array(SEEN_SLOTS) : null;
    this.seenGeneration = new Uint32Array(config.binary ? SEEN_SLOTS : 0);
    this.startInfo = this.describe(START, TokenKind.Punct);
  }

  /**
   * Instead of emitting character n-gram features, adds their weighted sum straight into
   * {@link charScores}, computed once per word form: a trained model's n-gram weights are
   * fixed, so each word's n-grams add the same three numbers every time it occurs. Keeps
   * classifying as fast as without n-grams.
   */
  foldCharWeights(weights: ArrayLike<number>): void {
    this.charWeights = weights;
    this.cache.clear();
  }

  /** Fills the word cache ahead of use (the model's training vocabulary). */
  preload(words: Iterable<string>): void {
    for (const w of words) this.info(w, TokenKind.Word);
  }

  private info(text: string, kind: number): WordInfo {
    let info = this.cache.get(text);
    if (info === undefined) {
      info = this.describe(text, kind);
      if (this.cache.size >= this.maxCached) this.cache.clear();
      this.cache.set(text, info);
    }
    return info;
  }

  private describe(text: string, kind: number): WordInfo {
    const isWord = kind === TokenKind.Word || kind === TokenKind.Hashtag;
    const brand = isWord && this.brandTerms.has(text);
    const term = !isWord ? text : brand ? '<brand>' : this.stems.stem(text);
    let lexRow = -1;
    let roles = 0;
    if (isWord) {
      if (!brand) {
        lexRow = this.lexicon.row(text);
        if (lexRow < 0) lexRow = this.lexicon.row(term);
      }
      roles =
        negationRole(text) |
        (INTENSIFIERS.has(text) ? ROLE_INTENSIFIER : 0) |
        (DOWNTONERS.has(text) ? ROLE_DOWNTONER : 0) |
        (this.lexicon.isPhraseHead(text) ? ROLE_PHRASE_HEAD : 0) |
        (text === 'but' || text === 'however' ? ROLE_BUT : 0) |
        (SARCASM_TAGS.has(text) ? ROLE_SARCASM_TAG : 0) |
        (brand ? ROLE_BRAND : 0);
    }
    const charRows = isWord && !brand && this.config.charNgrams !== null ? this.charRowsOf(text, this.config.charNgrams) : NO_ROWS;
    let char0 = 0;
    let char1 = 0;
    let char2 = 0;
    const weights = this.charWeights;
    if (weights !== null && charRows.length > 0) {
      const w = this.config.charNgrams!.weight;
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

  private charRowsOf(word: string, config: CharNgramConfig): Int32Array {
    const w = `<${word}>`;
    const rows: number[] = [];
    for (let n = config.min; n <= config.max; n++) {
      for (let start = 0; start + n <= w.length; start++) {
        let h = hashStep(SEED_CHAR, n);
        for (let c = start; c < start + n; c++) h = hashStep(h, w.charCodeAt(c));
        rows.push(DENSE_SIZE + (finishHash(h) & this.mask));
      }
    }
    return Int32Array.from(rows);
  }

  private emit(out: FeatureVector, h: number): void {
    const bucket = finishHash(h) & this.mask;
    if (this.seen !== null) {
      if (this.emitted * 2 >= this.seen.length) this.growSeen();
      const seen = this.seen;
      const slots = seen.length - 1;
      const generations = this.seenGeneration;
      let slot = bucket & slots;
      while (generations[slot] === this.generation) {
        if (seen[slot] === bucket) return;
        slot = (slot + 1) & slots;
      }
      generations[slot] = this.generation;
      seen[slot] = bucket;
      this.emittedBuckets[this.emitted++] = bucket;
    }
    out.push(DENSE_SIZE + bucket, 1);
  }

  /** Doubles the seen-set for an unusually long text and re-adds the buckets already in it. */
  private growSeen(): void {
    const size = this.seen!.length * 2;
    const seen = new Int32Array(size);
    const generations = new Uint32Array(size);
    for (let k = 0; k < this.emitted; k++) {
      const bucket = this.emittedBuckets[k]!;
      let slot = bucket & (size - 1);
      while (generations[slot] === this.generation) slot = (slot + 1) & (size - 1);
      generations[slot] = this.generation;
      seen[slot] = bucket;
    }
    const list = new Int32Array(size / 2);
    list.set(this.emittedBuckets);
    this.seen = seen;
    this.seenGeneration = generations;
    this.emittedBuckets = list;
  }

  extract(text: string, out: FeatureVector): void {
    out.reset();
    if (this.seen !== null) {
      this.emitted = 0;
      if (++this.generation === 0xffffffff) {
        this.seenGeneration.fill(0);
        this.generation = 1;
      }
    }
    let char0 = 0;
    let char1 = 0;
    let char2 = 0;
    const charWeight = this.config.charNgrams?.weight ?? 0;
    const foldChars = this.charWeights !== null;
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
    sig.words = 0;
    sig.questions = 0;
    sig.exclamations = 0;
    sig.urls = 0;
    sig.mentions = 0;
    sig.hashtags = 0;
    sig.repeatedHashtags = 0;
    sig.emoji = 0;
    sig.sarcasm = false;
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
            for (let d = DENSE.afinnPos; d <= DENSE.emojiNeg; d++) dense[d]! *= 0.5;
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
      const pos = DENSE.afinnPos + c * 4;
      if (!negated) {
        if (x > 0) dense[pos]! += x;
        else dense[pos + 1]! -= x;
      } else if (x > 0) {
        dense[pos + 2]! += x;
        dense[pos + 1]! += NEGATION_FLIP * x;
      } else {
        dense[pos + 3]! -= x;
        dense[pos]! -= NEGATION_FLIP * x;
      }
    }
  }
}
