import type { Intent, Sentiment } from '@earshot/db';

/** What the analysis stage says about one text. Stable: the analyze job and the CLI depend on it. */
export interface TextAnalysis {
  sentiment: Sentiment;
  /** -1 (most negative) … +1 (most positive). */
  score: number;
  /** 0 … 1: how sure the classifier is of `sentiment`. */
  confidence: number;
  intent: Intent;
  /** For complaints, what it is about ("baggage", "delays", or a key phrase); else null. */
  topic: string | null;
  /** Spam or bot-like post. */
  isSpam: boolean;
}
