import { fileURLToPath } from 'node:url';
import { type LogitAdjustment, loadSentimentModel, type SentimentModel } from './model/sentiment-model.ts';
import type { TextAnalysis } from './types.ts';

/** Where the shipped model lives: worker/model/sentiment-model.json. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../model/sentiment-model.json', import.meta.url));

// Loaded once, when the worker starts: a missing or damaged model stops start-up with a
// message saying how to rebuild it, instead of failing on the first mention.
const defaultModel: SentimentModel = loadSentimentModel(DEFAULT_MODEL_PATH);

/** The model {@link classifyText} uses (its file carries the recorded evaluation figures). */
export function getDefaultModel(): SentimentModel {
  return defaultModel;
}

/**
 * Sentiment, intent, complaint topic and spam flag of one post, from the trained model in
 * worker/model/sentiment-model.json. Synchronous and allocation-light: well over 100,000
 * short posts a second on one core. `adjustment` is a brand's overlay (worker/src/brand-models);
 * it is ignored if it was trained on another model.
 */
export function classifyText(text: string, adjustment: LogitAdjustment | null = null): TextAnalysis {
  return defaultModel.classify(text, adjustment);
}
