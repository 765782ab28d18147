import { z } from 'zod';

/**
 * What an X stream listens to, and the X search query built from it. Validated when the
 * stream is saved against the rules X applies to recent search queries, so that a query X
 * would refuse is refused here with a message that says how to fix it.
 */

/** Recent search query length on X's Basic access level; Pro allows 4,096. */
export const X_BASIC_QUERY_LENGTH = 512;

/** Operators that only narrow another clause; X refuses a query made of them alone. */
const CONJUNCTION_REQUIRED = /^(is|has|lang|place_country|point_radius|bounding_box|sample):/i;

const term = z
  .string()
  .trim()
  .min(1, 'A keyword cannot be empty.')
  .max(128, 'A keyword can be at most 128 characters.')
  .refine((t) => !t.includes('"'), 'A keyword cannot contain double quotes: write the phrase without them and it is matched exactly.')
  .refine((t) => !t.startsWith('-'), 'A keyword cannot start with "-": put the word under exclusions instead.')
  .refine((t) => !/[()]/.test(t), 'A keyword cannot contain parentheses: use the advanced query for grouping.');

/** An X account name, with or without its "@"; stored without it. */
const account = z
  .string()
  .trim()
  .transform((h) => h.replace(/^@/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'An account is an X handle such as @AcmeAir: 1 to 15 letters, digits or underscores.'));

// The titles and descriptions (`meta`) are what the dashboard's stream form shows for each
// field: it builds the form from this schema (GET /api/platforms sends it as JSON Schema).
const baseSchema = z.object({
  /** Words, "phrases", @handles or #hashtags; a post matching any of them is a mention. */
  keywords: z.array(term).max(50, 'At most 50 keywords.').default([]).meta({ title: 'Keywords', description: 'Words, #hashtags or @handles; a post with any of them is a mention.' }),
  /** Matched word for word (always quoted in the search). */
  phrases: z.array(term).max(50, 'At most 50 exact phrases.').default([]).meta({ title: 'Exact phrases', description: 'Matched word for word, e.g. "lost my bag".' }),
  /** Accounts whose @mentions are mentions of the brand, e.g. its support account. */
  accounts: z.array(account).max(50, 'At most 50 accounts.').default([]).meta({ title: 'Accounts', description: 'X accounts (@handles) whose mentions count, e.g. a support account.' }),
  /** Words or phrases that rule a post out. */
  exclude: z.array(term).max(50, 'At most 50 exclusions.').default([]).meta({ title: 'Exclusions', description: 'Words or phrases that rule a post out.' }),
  /** An X search query written by hand, operators allowed; combined with the keywords by AND. */
  advanced: z.string().trim().max(4096).optional().meta({ title: 'Advanced X query', description: 'X search operators, combined with the keywords by AND (e.g. has:links -from:rival).' }),
  /** ISO 639-1 code; only posts X detected in this language. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'The language must be a two-letter code such as "en".')
    .optional()
    .meta({ title: 'Language', description: 'Two-letter code such as "en"; empty for every language.' }),
  includeRetweets: z.boolean().default(false).meta({ title: 'Include reposts' }),
  /** The brand account's @mention timeline. */
  includeMentions: z.boolean().default(true).meta({ title: "Read the brand account's mentions" }),
  /** Recent search with the query built from the fields above. */
  includeSearch: z.boolean().default(true).meta({ title: 'Search X for the keywords' }),
});

export type XQuery = z.infer<typeof baseSchema>;

function renderTerm(t: string): string {
  // Spaces make a phrase; a colon would read as an operator, a bare OR as the operator OR.
  return /[\s:]/.test(t) || t === 'OR' || t === 'AND' ? `"${t}"` : t;
}

/** The X recent search query for `q`, e.g. `(acme OR "acme air" OR @acmeair) -job lang:en -is:retweet`. */
export function buildXSearchQuery(q: XQuery): string {
  const parts: string[] = [];
  const any = anyTerms(q);
  if (any.length === 1) parts.push(any[0]!);
  else if (any.length > 1) parts.push(`(${any.join(' OR ')})`);
  if (q.advanced) {
    // AND binds tighter than OR on X: a hand-written OR must not leak into the other clauses.
    parts.push(parts.length > 0 || q.exclude.length > 0 || q.language || !q.includeRetweets ? groupIfOr(q.advanced) : q.advanced);
  }
  for (const e of q.exclude) parts.push(`-${renderTerm(e)}`);
  if (q.language) parts.push(`lang:${q.language}`);
  if (!q.includeRetweets) parts.push('-is:retweet');
  return parts.join(' ');
}

/** Keywords, exact phrases and accounts: a post with any of them matches. */
function anyTerms(q: XQuery): string[] {
  return [...q.keywords.map(renderTerm), ...q.phrases.map((p) => `"${p}"`), ...q.accounts.map((a) => `@${a}`)];
}

function groupIfOr(advanced: string): string {
  return /(^|\s)OR(\s|$)/.test(advanced) && !isWrapped(advanced) ? `(${advanced})` : advanced;
}

function isWrapped(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    if (depth === 0 && i < s.length - 1) return false;
  }
  return true;
}

/** Problems X would report for a hand-written query: unbalanced quotes or parentheses, no positive clause. */
export function advancedQueryProblems(advanced: string, options: { standsAlone: boolean }): string[] {
  const problems: string[] = [];
  let depth = 0;
  let inQuote = false;
  const outside: string[] = [];
  let current = '';
  for (const c of advanced) {
    if (c === '"') inQuote = !inQuote;
    if (!inQuote && c === '(') depth++;
    if (!inQuote && c === ')') {
      depth--;
      if (depth < 0) {
        problems.push('The advanced query closes a parenthesis it never opened.');
        depth = 0;
      }
    }
    if (!inQuote && /[\s()]/.test(c)) {
      if (current) outside.push(current);
      current = '';
    } else current += c;
  }
  if (current) outside.push(current);
  if (inQuote) problems.push('The advanced query has a double quote without its closing one.');
  if (depth > 0) problems.push('The advanced query opens a parenthesis it never closes.');
  const positive = outside.filter((t) => t !== 'OR' && t !== 'AND' && !t.startsWith('-') && !CONJUNCTION_REQUIRED.test(t));
  if (options.standsAlone && problems.length === 0 && positive.length === 0) {
    problems.push('The advanced query needs at least one word, "phrase", @handle, #hashtag or from:/to: operator that is not negated; is:, has: and lang: only narrow other terms.');
  }
  return problems;
}

export function createXQuerySchema(limits: { maxQueryLength?: number } = {}) {
  const maxLength = limits.maxQueryLength ?? X_BASIC_QUERY_LENGTH;
  return baseSchema.superRefine((q, ctx) => {
    if (!q.includeMentions && !q.includeSearch) {
      ctx.addIssue({ code: 'custom', path: ['includeSearch'], message: 'Turn on at least one source: the brand account\'s mentions, or search.' });
    }
    if (!q.includeSearch) return;
    const terms = q.keywords.length + q.phrases.length + q.accounts.length;
    if (terms === 0 && !q.advanced) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: 'Search needs at least one keyword, "phrase", @handle or #hashtag; X matches nothing with exclusions alone.',
      });
      return;
    }
    if (q.advanced) {
      // With keywords the advanced part may only narrow them (has:links, -from:rival).
      const problems = advancedQueryProblems(q.advanced, { standsAlone: terms === 0 });
      for (const message of problems) ctx.addIssue({ code: 'custom', path: ['advanced'], message });
      if (problems.length > 0) return;
    }
    const built = buildXSearchQuery(q);
    const length = [...built].length;
    if (length > maxLength) {
      ctx.addIssue({
        code: 'custom',
        path: ['keywords'],
        message: `The X search query built from this stream is ${length} characters; X allows ${maxLength} on this access level. Remove ${length - maxLength} characters of keywords or exclusions, or split the stream in two.`,
      });
    }
  });
}

/** The query schema for X's Basic access level. */
export const XQuerySchema = createXQuerySchema();
