import { describe, expect, it } from 'vitest';
import { buildXSearchQuery, createXQuerySchema, XQuerySchema } from './x-query.ts';

const messages = (input: unknown, schema = XQuerySchema) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('X stream query', () => {
  it('builds an X query: keywords ORed, phrases quoted, exclusions, language, no retweets', () => {
    const q = XQuerySchema.parse({ keywords: ['acme', 'acme air', '@AcmeAir', '#AcmeFail'], exclude: ['job', 'we are hiring'], language: 'en' });
    expect(buildXSearchQuery(q)).toBe('(acme OR "acme air" OR @AcmeAir OR #AcmeFail) -job -"we are hiring" lang:en -is:retweet');
  });

  it('ORs exact phrases (always quoted) and accounts (as @handles) with the keywords', () => {
    const q = XQuerySchema.parse({ keywords: ['acme'], phrases: ['lost bag'], accounts: ['@AcmeSupport', 'AcmeAir'] });
    expect(q.accounts).toEqual(['AcmeSupport', 'AcmeAir']);
    expect(buildXSearchQuery(q)).toBe('(acme OR "lost bag" OR @AcmeSupport OR @AcmeAir) -is:retweet');
    expect(buildXSearchQuery(XQuerySchema.parse({ phrases: ['acmeair'] }))).toBe('"acmeair" -is:retweet');
    expect(messages({ accounts: ['not a handle'] })[0]).toMatch(/X handle/);
  });

  it('keeps a single keyword bare and can include retweets', () => {
    expect(buildXSearchQuery(XQuerySchema.parse({ keywords: ['acme'], includeRetweets: true }))).toBe('acme');
  });

  it('groups a hand-written OR so it cannot swallow the other clauses', () => {
    const q = XQuerySchema.parse({ keywords: ['acme'], advanced: 'delay OR cancelled', exclude: ['job'] });
    expect(buildXSearchQuery(q)).toBe('acme (delay OR cancelled) -job -is:retweet');
  });

  it('quotes keywords that X would read as operators', () => {
    expect(buildXSearchQuery(XQuerySchema.parse({ keywords: ['acme:air', 'OR'] }))).toBe('("acme:air" OR "OR") -is:retweet');
  });

  it('allows mentions only, with no keywords', () => {
    expect(messages({ includeSearch: false })).toEqual([]);
  });

  it('refuses a stream with no source', () => {
    expect(messages({ keywords: ['acme'], includeMentions: false, includeSearch: false })).toEqual([
      "Turn on at least one source: the brand account's mentions, or search.",
    ]);
  });

  it('refuses a search with exclusions only, as X does', () => {
    expect(messages({ exclude: ['job'] })[0]).toMatch(/at least one keyword/);
  });

  it('refuses keywords X cannot take', () => {
    expect(messages({ keywords: ['say "hi"'] })[0]).toMatch(/double quotes/);
    expect(messages({ keywords: ['-spam'] })[0]).toMatch(/exclusions/);
    expect(messages({ keywords: ['  '] })[0]).toMatch(/empty/);
  });

  it('checks a hand-written query for balance and a positive clause', () => {
    expect(messages({ advanced: '"lost bag' })).toEqual(['The advanced query has a double quote without its closing one.']);
    expect(messages({ advanced: '(lost OR delayed' })).toEqual(['The advanced query opens a parenthesis it never closes.']);
    expect(messages({ advanced: 'lost)' })).toEqual(['The advanced query closes a parenthesis it never opened.']);
    expect(messages({ advanced: 'is:reply lang:en -spam' })[0]).toMatch(/at least one word/);
    // Narrowing operators are fine next to keywords, and parentheses inside quotes do not count.
    expect(messages({ keywords: ['acme'], advanced: 'has:links -from:rival' })).toEqual([]);
    expect(messages({ advanced: 'from:AcmeAir "(sic"' })).toEqual([]);
  });

  it('refuses a query longer than the access level allows, saying by how much', () => {
    const keywords = Array.from({ length: 40 }, (_, i) => `keyword${i}`);
    const [message] = messages({ keywords });
    const { length } = buildXSearchQuery({ keywords, phrases: [], accounts: [], exclude: [], includeRetweets: false, includeMentions: true, includeSearch: true });
    expect(length).toBeGreaterThan(512);
    expect(message).toBe(
      `The X search query built from this stream is ${length} characters; X allows 512 on this access level. Remove ${length - 512} characters of keywords or exclusions, or split the stream in two.`,
    );
    expect(messages({ keywords }, createXQuerySchema({ maxQueryLength: 4096 }))).toEqual([]);
  });
});
