import { describe, expect, it } from 'vitest';
import type { Intent, Priority } from '@earshot/db';
import type { TextAnalysis } from '../analysis/types.ts';
import { formatCount, REASON_MAX_LENGTH, scorePriority } from './score-priority.ts';

function analysis(intent: Intent, score: number, confidence = 0.8, isSpam = false): TextAnalysis {
  return { sentiment: score < -0.1 ? 'negative' : score > 0.1 ? 'positive' : 'neutral', score, confidence, intent, topic: null, isSpam };
}
const nobody = { followers: 100, verified: false };

interface Case {
  name: string;
  text: string;
  analysis: TextAnalysis;
  author?: { followers: number | null; verified: boolean };
  recentByAuthor?: number;
  priority: Priority;
  reason: string;
}

const cases: Case[] = [
  // Intent sets the starting point.
  { name: 'a plain complaint is P2', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), priority: 2, reason: 'complaint' },
  { name: 'a plain question is P3', text: 'what are your opening hours?', analysis: analysis('question', 0, 0.9), priority: 3, reason: 'question' },
  { name: 'praise is P4', text: 'love the new lounge', analysis: analysis('praise', 0.9, 0.9), priority: 4, reason: 'praise' },
  { name: 'a neutral mention is P4', text: 'flying to Boston tomorrow', analysis: analysis('other', 0, 0.7), priority: 4, reason: 'mention' },
  { name: 'a faint negative lean is not named', text: 'boarding now', analysis: analysis('other', -0.09, 0.7), priority: 4, reason: 'mention' },
  { name: 'a negative mention is P3', text: 'ugh this line', analysis: analysis('other', -0.7, 0.8), priority: 3, reason: 'mention · negative' },

  // Sentiment strength, discounted by confidence.
  { name: 'a furious complaint is P1', text: 'worst airline ever, absolutely disgusting', analysis: analysis('complaint', -0.9, 0.95), priority: 1, reason: 'complaint · very negative' },
  { name: 'the same anger with low confidence is P2', text: 'worst airline ever, absolutely disgusting', analysis: analysis('complaint', -0.9, 0.3), priority: 2, reason: 'complaint · negative' },
  { name: 'positive-sounding complaint (sarcasm) is still P2', text: 'great, another dirty seat', analysis: analysis('complaint', 0.6, 0.8), priority: 2, reason: 'complaint' },

  // Urgency cues.
  {
    name: 'stranded with a big audience',
    text: '@airline stranded in Denver, flight cancelled and no hotel for tonight',
    analysis: analysis('complaint', -0.7),
    author: { followers: 120_000, verified: false },
    priority: 1,
    reason: "complaint · 'stranded' · negative · 120k followers",
  },
  { name: 'missed a flight', text: 'Missed my flight because your gate agent sent us to the wrong gate', analysis: analysis('complaint', -0.4, 0.5), priority: 1, reason: "complaint · 'missed my flight' · negative" },
  { name: 'urgent', text: 'URGENT: booking vanished from my account', analysis: analysis('complaint', -0.3, 0.6), priority: 1, reason: "complaint · 'urgent'" },
  { name: 'asap in a question', text: 'need this fixed asap, can you help?', analysis: analysis('question', -0.2, 0.6), priority: 2, reason: "question · 'asap'" },
  { name: 'a long wait', text: 'on hold for 3 hours now', analysis: analysis('complaint', -0.5, 0.6), priority: 2, reason: "complaint · 'on hold' · negative" },
  { name: 'a long wait and lost luggage', text: 'you lost my bag and I am still waiting for an update 3 hours later', analysis: analysis('complaint', -0.5), priority: 1, reason: "complaint · 'still waiting' · negative · 'lost my bag'" },
  { name: 'third time asking for a refund', text: 'third time I am asking, where is my refund?', analysis: analysis('complaint', -0.5), priority: 1, reason: "complaint · 'third time' · negative · 'refund'" },
  { name: 'a refund question stays P3', text: 'can I get a refund for my cancelled flight?', analysis: analysis('question', -0.2, 0.6), priority: 3, reason: "question · 'refund' · 'cancelled'" },
  { name: 'safety outranks everything', text: 'my daughter had an allergic reaction on board', analysis: analysis('other', -0.3, 0.5), priority: 2, reason: "mention · 'allergic reaction'" },
  { name: 'safety in a complaint is P1', text: 'my daughter had an allergic reaction on board and crew ignored us', analysis: analysis('complaint', -0.8), priority: 1, reason: "complaint · 'allergic reaction' · very negative" },
  { name: 'many ways of saying "waiting" count once', text: 'still waiting, no reply, on hold for hours', analysis: analysis('complaint', 0, 0.5), priority: 2, reason: "complaint · 'still waiting'" },
  { name: 'the cue weight is capped', text: 'urgent!! stranded, missed my flight, injured, refund, third time, still waiting, app is down', analysis: analysis('question', 0, 0.5), priority: 1, reason: "question · 'injured' · 'stranded'" },

  // Negation.
  { name: '"not urgent" lowers a complaint to P3', text: 'not urgent, but my seat upgrade did not show', analysis: analysis('complaint', -0.2, 0.6), priority: 3, reason: "complaint · 'not urgent'" },
  { name: '"no rush" lowers a question to P4', text: 'no rush — could you check my booking?', analysis: analysis('question', 0), priority: 4, reason: "question · 'no rush'" },
  { name: '"isn\'t an emergency" is calm, the outage still counts', text: "this isn't an emergency but the wifi is down", analysis: analysis('complaint', -0.3, 0.6), priority: 2, reason: "complaint · 'isn't an emergency' · 'wifi is down'" },
  { name: 'a negated cue is dropped', text: 'flight not cancelled after all, phew', analysis: analysis('other', 0.1), priority: 4, reason: 'mention' },
  { name: '"no longer stranded" is not stranded', text: 'no longer stranded, thanks to the crew in Denver', analysis: analysis('praise', 0.7), priority: 4, reason: 'praise' },
  { name: 'negation does not reach across a clause', text: 'not sure who to ask, but this is urgent', analysis: analysis('question', 0), priority: 2, reason: "question · 'urgent'" },
  { name: '"never got my refund" is still a refund problem', text: 'never got my refund', analysis: analysis('complaint', -0.4, 0.6), priority: 2, reason: "complaint · 'refund' · negative" },

  // Repeated mentions by the same author.
  { name: 'a second post in the hour', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), recentByAuthor: 1, priority: 2, reason: 'complaint · 2 posts in 1h' },
  { name: 'a fourth post in the hour is P1', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), recentByAuthor: 3, priority: 1, reason: 'complaint · 4 posts in 1h' },
  { name: 'a repeated ping is P3', text: 'hello?', analysis: analysis('other', 0, 0.5), recentByAuthor: 3, priority: 3, reason: 'mention · 4 posts in 1h' },
  { name: 'repeated praise stays P4', text: 'you are the best', analysis: analysis('praise', 0.9), recentByAuthor: 5, priority: 4, reason: 'praise' },

  // Reach.
  { name: 'a million followers lift a complaint', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), author: { followers: 1_500_000, verified: true }, priority: 1, reason: 'complaint · 1.5M followers · verified' },
  { name: '120k followers alone leave a complaint at P2', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), author: { followers: 120_000, verified: false }, priority: 2, reason: 'complaint · 120k followers' },
  { name: '120k followers and a cue make P1', text: 'my flight was delayed', analysis: analysis('complaint', -0.3, 0.6), author: { followers: 120_000, verified: false }, priority: 1, reason: "complaint · 120k followers · 'delayed'" },
  { name: 'a verified question stays P3', text: 'do you fly to Lisbon?', analysis: analysis('question', 0), author: { followers: 50_000, verified: true }, priority: 3, reason: 'question · 50k followers · verified' },
  { name: "a celebrity's praise stays P4", text: 'love you guys', analysis: analysis('praise', 0.9, 0.9), author: { followers: 2_000_000, verified: true }, priority: 4, reason: 'praise' },
  { name: 'unknown followers count as none', text: 'my seat was dirty', analysis: analysis('complaint', -0.3, 0.6), author: { followers: null, verified: false }, priority: 2, reason: 'complaint' },

  // Spam.
  { name: 'spam is P4 whatever it says', text: 'URGENT!!! stranded? get a refund now at cheap-deals', analysis: analysis('spam', -0.8, 0.9, true), author: { followers: 5_000_000, verified: true }, priority: 4, reason: 'spam' },
  { name: 'a spam flag wins over the intent', text: 'urgent refund', analysis: analysis('complaint', -0.8, 0.9, true), priority: 4, reason: 'spam' },
];

describe('scorePriority', () => {
  it.each(cases)('$name', (c) => {
    const decision = scorePriority({ analysis: c.analysis, text: c.text, author: c.author ?? nobody, recentByAuthor: c.recentByAuthor ?? 0 });
    expect({ priority: decision.priority, reason: decision.reason }).toEqual({ priority: c.priority, reason: c.reason });
    expect(decision.reason.length).toBeLessThanOrEqual(REASON_MAX_LENGTH);
  });

  it('keeps the reason short by dropping the weakest signals', () => {
    const decision = scorePriority({
      analysis: analysis('complaint', -0.9, 0.9),
      text: 'stranded at the airport since yesterday, third time this happens, want my money back immediately',
      author: { followers: 3_400_000, verified: true },
      recentByAuthor: 2,
    });
    expect(decision.priority).toBe(1);
    expect(decision.reason.length).toBeLessThanOrEqual(REASON_MAX_LENGTH);
    expect(decision.reason.startsWith("complaint · 'stranded'")).toBe(true);
  });

  it('never lowers priority as signals are added', () => {
    const base = { analysis: analysis('complaint', -0.4, 0.6), text: 'my bag', author: nobody, recentByAuthor: 0 };
    const steps = [
      base,
      { ...base, text: 'you lost my bag' },
      { ...base, text: 'you lost my bag, still waiting' },
      { ...base, text: 'you lost my bag, still waiting', recentByAuthor: 2 },
      { ...base, text: 'you lost my bag, still waiting', recentByAuthor: 2, author: { followers: 200_000, verified: true } },
    ];
    const points = steps.map((s) => scorePriority(s).points);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(scorePriority(steps[0]!).priority).toBe(2);
    expect(scorePriority(steps[4]!).priority).toBe(1);
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [1_234, '1.2k'],
    [9_960, '10k'],
    [12_300, '12k'],
    [120_000, '120k'],
    [999_999, '1M'],
    [1_500_000, '1.5M'],
    [23_400_000, '23M'],
    [2_100_000_000, '2.1B'],
  ])('%d → %s', (n, shown) => {
    expect(formatCount(n)).toBe(shown);
  });
});
