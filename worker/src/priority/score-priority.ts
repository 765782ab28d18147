import type { Priority } from '@earshot/db';
import type { TextAnalysis } from '../analysis/types.ts';

export interface PriorityInput {
  analysis: TextAnalysis;
  text: string;
  author: { followers: number | null; verified: boolean };
  /** Other mentions by the same author for the same brand in the last hour. */
  recentByAuthor: number;
}

export interface PriorityDecision {
  priority: Priority;
  /** A few words shown in the inbox: why this priority. */
  reason: string;
}

/** Decides how urgent a mention is. The SLA policy turns the priority into a deadline. */
export function scorePriority(input: PriorityInput): PriorityDecision {
  const { analysis } = input;
  if (analysis.isSpam) return { priority: 4, reason: 'spam' };
  if (analysis.intent === 'complaint') {
    const strong = analysis.score <= -0.5 || input.recentByAuthor > 0;
    return strong
      ? { priority: 1, reason: input.recentByAuthor > 0 ? 'repeat complaint' : 'strong complaint' }
      : { priority: 2, reason: 'complaint' };
  }
  if (analysis.intent === 'question') return { priority: 3, reason: 'question' };
  return { priority: 4, reason: analysis.intent === 'praise' ? 'praise' : 'no action needed' };
}
