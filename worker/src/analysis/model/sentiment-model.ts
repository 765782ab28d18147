import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Sentiment } from '@earshot/db';
import { featureConfigOf, featureDimension, FeatureExtractor, FeatureVector } from '../features.ts';
import { decideIntent, isQuestion } from '../intent/intent.ts';
import { SPAM_THRESHOLD, spamScore } from '../intent/spam.ts';
import { TopicFinder } from '../intent/topic.ts';
import { Lexicon, LEXICON_COLUMNS } from '../lexicon/lexicon.ts';
import { StemCache } from '../text/stem.ts';
import { TokenKind } from '../text/tokenize.ts';
import { computeLogits, softmax3 } from '../training/softmax-regression.ts';
import type { TextAnalysis } from '../types.ts';
import { MODEL_FORMAT, type ModelFile, ModelFileSchema } from './model-file.ts';

const LABELS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

/**
 * Changes a model's class scores for one text: a brand's overlay, learnt from its agents'
 * corrections (worker/src/brand-models). Built for one model: `baseModel` must equal that
 * model's {@link SentimentModel.fingerprint}.
 */
export interface LogitAdjustment {
  readonly baseModel: string;
  /** Adds to `logits` (before the softmax) for the sparse features of the text. */
  adjust(index: Int32Array, value: Float32Array, length: number, logits: Float64Array): void;
}

/** A text's sparse features and the model's class scores for it (before the softmax): what a brand overlay trains on. */
export interface TextFeatures {
  index: Int32Array;
  value: Float32Array;
  logits: Float64Array;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * A trained sentiment model ready to classify. Holds reusable buffers, so one instance
 * must not be used by two callers at once (JavaScript's single thread guarantees this
 * within a process; worker threads need one each).
 */
export class SentimentModel {
  private readonly extractor: FeatureExtractor;
  private readonly vector = new FeatureVector();
  private readonly weights: Float32Array;
  private readonly logits = new Float64Array(3);
  private readonly topics: TopicFinder;
  private readonly lexicon: Lexicon;
  private readonly negativeBias: number;

  private constructor(
    readonly file: ModelFile,
    /** Identifies what this model predicts (a hash of its predicting parts): overlays trained on another are not applied. */
    readonly fingerprint: string,
  ) {
    const stems = new StemCache();
    this.lexicon = new Lexicon(file.lexicon);
    const config = featureConfigOf(file.hyperparameters);
    this.extractor = new FeatureExtractor(config, this.lexicon, stems, new Set(file.brandTerms));
    const dimension = featureDimension(config);
    this.weights = new Float32Array(dimension * 3);
    const { rowGaps, values, scale } = file.weights;
    if (values.length !== rowGaps.length * 3) {
      throw new Error(`Sentiment model is damaged: ${rowGaps.length} weight rows but ${values.length} values (expected 3 per row). Retrain it.`);
    }
    let row = 0;
    rowGaps.forEach((gap, i) => {
      row += gap;
      if (row >= dimension) throw new Error(`Sentiment model is damaged: weight row ${row} is outside the ${dimension} feature rows. Retrain it.`);
      for (let c = 0; c < 3; c++) this.weights[row * 3 + c] = values[i * 3 + c]! / scale;
    });
    if (config.charNgrams !== null) this.extractor.foldCharWeights(this.weights);
    this.extractor.preload(file.vocabulary);
    this.negativeBias = file.negativeBias;
    this.topics = new TopicFinder((w) => stems.stem(w));
  }

  /** Builds a model from parsed model-file JSON, validating it. */
  static fromJson(json: unknown, fingerprint?: string): SentimentModel {
    const parsed = ModelFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`Sentiment model file is not a valid ${MODEL_FORMAT} file: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}. Retrain it with \`npm run train -w @earshot/worker\`.`);
    }
    return new SentimentModel(parsed.data, fingerprint ?? fingerprintOf(parsed.data));
  }

  /**
   * Class probabilities (negative, neutral, positive) after the negative bias and, when given,
   * a brand's adjustment; written into `out`.
   */
  probabilities(text: string, out: Float64Array = new Float64Array(3), adjustment: LogitAdjustment | null = null): Float64Array {
    this.scores(text, out);
    if (adjustment !== null && adjustment.baseModel === this.fingerprint) {
      adjustment.adjust(this.vector.index, this.vector.value, this.vector.length, out);
    }
    softmax3(out);
    return out;
  }

  /** The text's features and class scores before the softmax, copied out (for training a brand overlay). */
  features(text: string): TextFeatures {
    const logits = new Float64Array(3);
    this.scores(text, logits);
    const { index, value } = this.vector.snapshot();
    return { index, value, logits };
  }

  private scores(text: string, out: Float64Array): void {
    this.extractor.extract(text, this.vector);
    computeLogits(this.weights, this.vector.index, this.vector.value, this.vector.length, out);
    const chars = this.extractor.charScores;
    out[0]! += chars[0]! + this.negativeBias;
    out[1]! += chars[1]!;
    out[2]! += chars[2]!;
  }

  /**
   * Sentiment, intent, topic and spam flag of one post. `adjustment` (a brand's overlay) is
   * applied only if it was trained on this very model.
   */
  classify(text: string, adjustment: LogitAdjustment | null = null): TextAnalysis {
    const p = this.probabilities(text, this.logits, adjustment);
    const tokens = this.extractor.tokens;
    const signals = this.extractor.signals;
    const isSpam = spamScore(tokens, signals) >= SPAM_THRESHOLD;
    let hasContent = false;
    for (let i = 0; i < tokens.length && !hasContent; i++) {
      const kind = tokens.kinds[i]!;
      hasContent = kind === TokenKind.Word || kind === TokenKind.Hashtag || kind === TokenKind.Emoji || kind === TokenKind.Emoticon;
    }
    if (!hasContent) {
      // Only handles, links and numbers: nothing to judge, and the class prior would say "negative".
      return { sentiment: 'neutral', score: 0, confidence: round4(p[1]!), intent: isSpam ? 'spam' : 'other', topic: null, isSpam };
    }
    const label = p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2;
    const sentiment = LABELS[label]!;
    const intent = decideIntent(sentiment, isSpam, isQuestion(tokens, signals));
    const topic = intent === 'complaint' ? this.topics.find(tokens, this.extractor.terms, (w) => this.isSentimentWord(w)) : null;
    return { sentiment, score: round4(p[2]! - p[0]!), confidence: round4(p[label]!), intent, topic, isSpam };
  }

  private isSentimentWord(word: string): boolean {
    const row = this.lexicon.row(word);
    if (row < 0) return false;
    const v = this.lexicon.values;
    return Math.abs(v[row * LEXICON_COLUMNS]!) >= 0.2 || Math.abs(v[row * LEXICON_COLUMNS + 1]!) >= 0.3;
  }
}

/**
 * Reads and validates a model file.
 *
 * @throws Error saying how to create the file if it is missing or unreadable.
 */
export function loadSentimentModel(path: string): SentimentModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the sentiment model at ${path} (${(error as Error).message}). Create it with \`npm run train -w @earshot/worker\`.`,
      { cause: error },
    );
  }
  return SentimentModel.fromJson(JSON.parse(text) as unknown);
}

/**
 * A hash of everything in a model file that decides its predictions (not when it was trained
 * or its recorded figures), so rewriting a file's metadata does not retire brand overlays.
 */
function fingerprintOf(file: ModelFile): string {
  const { trainedAt: _at, training: _training, evaluation: _evaluation, ...predicting } = file;
  return createHash('sha256').update(JSON.stringify(predicting)).digest('hex').slice(0, 16);
}
