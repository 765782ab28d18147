import type { Priority } from '@earshot/db';
import type { TextAnalysis } from '../analysis/types.ts';
import { findUrgencyCues, type CueMatch } from './urgency-cues.ts';

export interface PriorityInput {
  analysis: TextAnalysis;
  text: string;
  author: { followers: number | null; verified: boolean };
  /** Other mentions by the same author for the same brand in the last hour. */
  recentByAuthor: number;
}

export interface PriorityDecision {
  priority: Priority;
  /** A few words shown in the inbox: why this priority (at most REASON_MAX_LENGTH characters). */
  reason: string;
  /** The urgency points behind the priority (see the thresholds below); for tuning and tests. */
  points: number;
}

export const REASON_MAX_LENGTH = 60;

/*
 * Points, added up, then cut into priorities. Each signal's weight says how much it alone moves
 * a mention: a plain complaint is P2, a question P3, praise P4; a complaint becomes P1 with one
 * strong cue (stranded, urgent, a safety word), or with strong anger plus a second signal.
 * Reach and repetition only make a mention that needs an answer more urgent: a famous fan's
 * praise stays P4.
 */
const INTENT_POINTS = { complaint: 45, question: 25, other: 15, praise: 0 } as const;
const NEGATIVITY_MAX = 30;
const CUES_MAX = 45;
const REPEAT_POINTS = [0, 10, 15, 20] as const;
// A complaint seen by a million people is a P1 on its own; a hundred thousand needs one more signal.
const REACH_MAX = 25;
const THRESHOLDS: [Priority, number][] = [
  [1, 70],
  [2, 45],
  [3, 25],
];

const INTENT_LABEL = { complaint: 'complaint', question: 'question', other: 'mention', praise: 'praise' } as const;

interface Signal {
  points: number;
  label: string;
}

/** Decides how urgent a mention is. The SLA policy turns the priority into a deadline. */
export function scorePriority(input: PriorityInput): PriorityDecision {
  const { analysis } = input;
  if (analysis.isSpam || analysis.intent === 'spam') return { priority: 4, reason: 'spam', points: 0 };
  const intent = analysis.intent;

  const signals: Signal[] = [];
  // How negative, discounted by how sure the classifier is.
  const negativity = Math.round(NEGATIVITY_MAX * Math.max(0, -analysis.score) * clamp01(analysis.confidence));
  // A faint negative lean still counts but is not worth naming to the agent.
  if (negativity > 0) signals.push({ points: negativity, label: negativity >= 18 ? 'very negative' : negativity >= 6 ? 'negative' : '' });

  const cues = cueSignals(findUrgencyCues(input.text), intent === 'praise');
  signals.push(...cues);

  // A person asking or complaining, or unhappy: the ones for whom speed and audience matter.
  const wantsAnswer = intent === 'complaint' || intent === 'question' || analysis.score <= -0.2;
  if (intent !== 'praise' && input.recentByAuthor > 0) {
    const n = Math.min(input.recentByAuthor, REPEAT_POINTS.length - 1);
    signals.push({ points: REPEAT_POINTS[n]!, label: `${input.recentByAuthor + 1} posts in 1h` });
  }
  if (wantsAnswer) signals.push(...reachSignals(input.author));

  const points = Math.round(INTENT_POINTS[intent] + signals.reduce((sum, s) => sum + s.points, 0));
  const priority = THRESHOLDS.find(([, min]) => points >= min)?.[0] ?? 4;
  return { priority, reason: composeReason(INTENT_LABEL[intent], signals), points };
}

/**
 * One signal per kind (the strongest phrase), the strongest kind in full and each further kind
 * at half weight, capped: many ways of saying "this is bad" add up, but not without limit. In
 * praise the problem is usually solved ("thanks for rebooking me when I was stranded"), so cues
 * count half.
 */
function cueSignals(matches: CueMatch[], inPraise: boolean): Signal[] {
  const strongest = new Map<string, CueMatch>();
  for (const m of matches) {
    const seen = strongest.get(m.kind);
    if (!seen || Math.abs(m.weight) > Math.abs(seen.weight)) strongest.set(m.kind, m);
  }
  const raising = [...strongest.values()].filter((m) => m.weight > 0).sort((a, b) => b.weight - a.weight);
  const calming = [...strongest.values()].filter((m) => m.weight < 0);
  const signals: Signal[] = [];
  let total = 0;
  raising.forEach((m, i) => {
    const full = i === 0 ? m.weight : m.weight / 2;
    const points = Math.min(full * (inPraise ? 0.5 : 1), CUES_MAX - total);
    if (points <= 0) return;
    total += points;
    signals.push({ points, label: quote(m.phrase) });
  });
  for (const m of calming) signals.push({ points: m.weight, label: quote(m.phrase) });
  return signals;
}

function reachSignals(author: PriorityInput['author']): Signal[] {
  const followers = author.followers ?? 0;
  const audience = followers >= 1_000_000 ? 25 : followers >= 100_000 ? 12 : followers >= 10_000 ? 5 : 0;
  const signals: Signal[] = [];
  if (audience > 0) signals.push({ points: audience, label: `${formatCount(followers)} followers` });
  if (author.verified) signals.push({ points: Math.min(5, REACH_MAX - audience), label: 'verified' });
  return signals;
}

/** The intent, then the signals that moved the priority most, as many as fit. */
function composeReason(intentLabel: string, signals: Signal[]): string {
  const ranked = [...signals].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  let reason = intentLabel;
  for (const s of ranked) {
    if (!s.label) continue;
    const next = `${reason} · ${s.label}`;
    if (next.length <= REASON_MAX_LENGTH) reason = next;
  }
  return reason;
}

function quote(phrase: string): string {
  const short = phrase.length > 24 ? `${phrase.slice(0, 23).trimEnd()}…` : phrase;
  return `'${short}'`;
}

/** 950 → "950", 1_234 → "1.2k", 12_300 → "12k", 120_000 → "120k", 1_500_000 → "1.5M". */
export function formatCount(n: number): string {
  const units: [number, string][] = [
    [1_000_000_000, 'B'],
    [1_000_000, 'M'],
    [1_000, 'k'],
  ];
  for (const [i, [size, unit]] of units.entries()) {
    if (n < size * 0.9995) continue;
    const value = n / size;
    const shown = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
    // 999_999 rounds to "1000k": say "1M" instead.
    if (shown >= 1000 && i > 0) return `1${units[i - 1]![1]}`;
    return `${shown}${unit}`;
  }
  return String(Math.round(n));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
