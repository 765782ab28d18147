import { z } from 'zod';

/**
 * One keyword, phrase or exclusion of a stream query, for platforms that search each term as
 * an exact word or phrase. Shared so every platform words these rules the same way.
 */
export const SearchTermSchema = z
  .string({ error: 'Keywords and exclusions must be text.' })
  .trim()
  .min(1, 'A keyword or exclusion cannot be blank.')
  .max(100, 'A keyword or phrase can be at most 100 characters.')
  .refine((t) => !t.includes('"'), {
    error: 'Leave out double quotes: every keyword is already searched as an exact word or phrase.',
  });

/**
 * Matches a text holding any of the terms, case-insensitively, as whole words or phrases
 * (so "ace" does not match "place"), any run of spaces between a phrase's words.
 */
export function matchAnyTerm(terms: readonly string[]): RegExp {
  return new RegExp(terms.map(termPattern).join('|'), 'iu');
}

function termPattern(term: string): string {
  const escaped = term
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  // Edges that are not word characters need no guard.
  const start = /^[\p{L}\p{N}_]/u.test(term) ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = /[\p{L}\p{N}_]$/u.test(term) ? '(?![\\p{L}\\p{N}_])' : '';
  return `${start}${escaped}${end}`;
}
