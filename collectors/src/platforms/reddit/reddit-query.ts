import { z } from 'zod';
import { matchAnyTerm, SearchTermSchema } from '../search-term.ts';

/** Reddit's own rule (r2 `subreddit_rx`), plus the old two-letter language subreddits such as r/de. */
const SUBREDDIT_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{2,20}$/;
const LANGUAGE_SUBREDDIT = /^[A-Za-z]{2}$/;
/** Reddit rejects longer `q` parameters. */
export const SEARCH_QUERY_MAX = 512;
const MAX_TERMS = 25;
const MAX_SUBREDDITS = 50;

const Term = SearchTermSchema;

const Subreddit = z
  .string({ error: 'Subreddit names must be text.' })
  .trim()
  .transform((s) => s.replace(/^\/?r\//i, ''))
  .superRefine((name, ctx) => {
    if (!SUBREDDIT_NAME.test(name) && !LANGUAGE_SUBREDDIT.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${name}" is not a subreddit name: use 3 to 21 letters, digits or underscores, not starting with an underscore (for example "AskReddit" or "r/AskReddit").`,
      });
    }
  });

export const RedditQuerySchema = z
  .object({
    /** Words or phrases; a post or comment matching any of them is a mention. */
    keywords: z
      .array(Term, { error: 'keywords must be a list of words or phrases.' })
      .min(1, 'Add at least one keyword or phrase to listen for.')
      .max(MAX_TERMS, `At most ${MAX_TERMS} keywords per stream; split them across streams.`)
      .meta({ title: 'Keywords and phrases', description: 'A post or comment with any of them is a mention.' }),
    /** Words or phrases that disqualify a match (e.g. a namesake brand). */
    exclude: z
      .array(Term, { error: 'exclude must be a list of words or phrases.' })
      .max(MAX_TERMS, `At most ${MAX_TERMS} exclusions per stream.`)
      .default([])
      .meta({ title: 'Exclusions', description: 'Words or phrases that rule a match out, e.g. a namesake brand.' }),
    /** Search only these subreddits; empty searches all of Reddit. */
    subreddits: z
      .array(Subreddit, { error: 'subreddits must be a list of subreddit names.' })
      .max(MAX_SUBREDDITS, `At most ${MAX_SUBREDDITS} subreddits per stream; split them across streams.`)
      .default([])
      // Subreddit names are case-insensitive; a repeat would only make the request longer.
      .transform((names) => names.filter((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i))
      .meta({ title: 'Subreddits', description: 'Search only these (e.g. travel or r/flights); empty searches all of Reddit.' }),
    /** Also read every new comment in the listed subreddits and keep those matching the keywords. */
    watchComments: z
      .boolean({ error: 'watchComments must be true or false.' })
      .default(false)
      .meta({ title: 'Watch new comments in these subreddits', description: 'Reads every new comment there and keeps those with a keyword.' }),
  })
  .superRefine((q, ctx) => {
    if (q.watchComments && q.subreddits.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['watchComments'],
        message:
          'Watching comments needs at least one subreddit: Reddit cannot search comments site-wide. List the subreddits to watch, or turn comment watching off.',
      });
    }
    const length = buildSearchQuery(q).length;
    if (length > SEARCH_QUERY_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: `Reddit accepts search queries of up to ${SEARCH_QUERY_MAX} characters; these keywords and exclusions make ${length}. Use fewer or shorter ones.`,
      });
    }
  });
export type RedditQuery = z.infer<typeof RedditQuerySchema>;

/** Bare words keep Reddit's stemming ("refund" finds "refunds"); anything else is quoted as a phrase. */
function searchTerm(term: string): string {
  const bare = /^[\p{L}\p{N}_][\p{L}\p{N}_'.]*$/u.test(term) && !/^(AND|OR|NOT)$/i.test(term);
  return bare ? term : `"${term}"`;
}

/** The `q` parameter: any keyword, none of the exclusions. */
export function buildSearchQuery(q: Pick<RedditQuery, 'keywords' | 'exclude'>): string {
  const any = q.keywords.map(searchTerm).join(' OR ');
  const positive = q.keywords.length > 1 ? `(${any})` : any;
  return [positive, ...q.exclude.map((e) => `NOT ${searchTerm(e)}`)].join(' ');
}

export interface TextMatcher {
  /** True when the text holds a keyword (as a whole word or phrase, any case). */
  matches(text: string): boolean;
  /** True when the text holds an exclusion. */
  excluded(text: string): boolean;
}


/** Matches comments client-side: Reddit's comment listings are not searchable. */
export function buildMatcher(q: Pick<RedditQuery, 'keywords' | 'exclude'>): TextMatcher {
  const any = matchAnyTerm(q.keywords);
  const none = q.exclude.length > 0 ? matchAnyTerm(q.exclude) : null;
  return {
    matches: (text) => any.test(text),
    excluded: (text) => none !== null && none.test(text),
  };
}
