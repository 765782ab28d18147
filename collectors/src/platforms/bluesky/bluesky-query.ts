import { z } from 'zod';
import { matchAnyTerm, SearchTermSchema } from '../search-term.ts';

/**
 * What a Bluesky stream listens for. Bluesky's post search ANDs the words of a query and
 * matches "quoted phrases", but has no OR and no working exclusion operator, so every
 * keyword is searched on its own (one search per keyword, each with its own position in the
 * cursor) and exclusions are applied here.
 */

const MAX_KEYWORDS = 10;
const MAX_EXCLUSIONS = 25;

const Term = SearchTermSchema;

export const BlueskyQuerySchema = z.object({
  /** Words, phrases, #hashtags or @handles; a post matching any of them is a mention. */
  keywords: z
    .array(Term, { error: 'keywords must be a list of words or phrases.' })
    .min(1, 'Add at least one keyword or phrase to listen for.')
    .max(MAX_KEYWORDS, `At most ${MAX_KEYWORDS} keywords per Bluesky stream (each is a search of its own); split them across streams.`)
    // Bluesky search ignores case, so "Acme" and "acme" would search the same posts twice.
    .transform((terms) => terms.filter((t, i) => terms.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i))
    .meta({ title: 'Keywords and phrases', description: 'Words, phrases, #hashtags or @handles; a post with any of them is a mention.' }),
  /** Words or phrases that rule a post out (e.g. a namesake brand). */
  exclude: z
    .array(Term, { error: 'exclude must be a list of words or phrases.' })
    .max(MAX_EXCLUSIONS, `At most ${MAX_EXCLUSIONS} exclusions per stream.`)
    .default([])
    .meta({ title: 'Exclusions', description: 'Words or phrases that rule a post out, e.g. a namesake brand.' }),
  /** Only posts their authors tagged with this language (ISO 639-1, e.g. "en"). */
  language: z
    .string({ error: 'The language must be a two-letter code such as "en".' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, 'The language must be a two-letter code such as "en".')
    .optional()
    .meta({ title: 'Language', description: 'Two-letter code such as "en"; empty for every language.' }),
});
export type BlueskyQuery = z.infer<typeof BlueskyQuerySchema>;

/** The `q` of one keyword's search: a phrase or anything with spaces quoted, a single word bare. */
export function blueskySearchTerm(keyword: string): string {
  return /\s/.test(keyword) ? `"${keyword}"` : keyword;
}


/** True when the text holds one of the exclusions (whole words or phrases, any case). */
export function buildExcluder(exclude: readonly string[]): (text: string) => boolean {
  if (exclude.length === 0) return () => false;
  const pattern = matchAnyTerm(exclude);
  return (text) => pattern.test(text);
}
