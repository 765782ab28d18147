import type { Intent, Sentiment } from '@earshot/db';
import type { TextSignals } from '../features.ts';
import { TokenKind, type TokenBuffer } from '../text/tokenize.ts';

/** Words that open a question even when the writer leaves out the "?". */
const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  'how', 'what', 'whats', 'when', 'where', 'wheres', 'why', 'who', 'which', 'hows', 'can', 'could', 'would', 'will', 'is', 'are',
  'do', 'does', 'did', 'should', 'any', 'anyone', 'anybody', 'wondering',
]);

/**
 * Whether a post asks something: a "?" anywhere, or a question word opening it (after
 * any leading @handles) with at least three words, as in "how do I change my seat".
 */
export function isQuestion(tokens: TokenBuffer, signals: TextSignals): boolean {
  if (signals.questions > 0) return true;
  if (signals.words < 3) return false;
  const { texts, kinds } = tokens;
  for (let i = 0; i < tokens.length; i++) {
    const kind = kinds[i]!;
    if (kind === TokenKind.Mention) continue;
    return kind === TokenKind.Word && QUESTION_OPENERS.has(texts[i]!);
  }
  return false;
}

/**
 * Intent from the sentiment and the text: spam outranks everything, a negative post is a
 * complaint even when phrased as a question (it needs the faster answer), then questions,
 * praise, and everything else.
 */
export function decideIntent(sentiment: Sentiment, spam: boolean, question: boolean): Intent {
  if (spam) return 'spam';
  if (sentiment === 'negative') return 'complaint';
  if (question) return 'question';
  if (sentiment === 'positive') return 'praise';
  return 'other';
}
