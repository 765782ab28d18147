import { describe, expect, it } from 'vitest';
import { buildMatcher, buildSearchQuery, RedditQuerySchema } from './reddit-query.ts';

const messages = (input: unknown) => {
  const r = RedditQuerySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('RedditQuerySchema', () => {
  it('fills defaults, strips r/ and drops repeated subreddits', () => {
    expect(RedditQuerySchema.parse({ keywords: [' acme '], subreddits: ['r/Travel', '/r/flights', 'travel', 'de'] })).toEqual({
      keywords: ['acme'],
      exclude: [],
      subreddits: ['Travel', 'flights', 'de'],
      watchComments: false,
    });
  });

  it('explains what is wrong', () => {
    expect(messages({ keywords: [] })).toEqual(['Add at least one keyword or phrase to listen for.']);
    expect(messages({})).toEqual(['keywords must be a list of words or phrases.']);
    expect(messages({ keywords: ['  '] })).toEqual(['A keyword or exclusion cannot be blank.']);
    expect(messages({ keywords: ['"acme"'] })[0]).toMatch(/Leave out double quotes/);
    expect(messages({ keywords: ['acme'], subreddits: ['_hidden'] })[0]).toMatch(/"_hidden" is not a subreddit name: use 3 to 21 letters/);
    expect(messages({ keywords: ['acme'], subreddits: ['a'.repeat(22)] })[0]).toMatch(/is not a subreddit name/);
    expect(messages({ keywords: ['acme'], subreddits: ['bad-name'] })[0]).toMatch(/"bad-name" is not a subreddit name/);
    expect(messages({ keywords: ['acme'], watchComments: true })[0]).toMatch(/Watching comments needs at least one subreddit/);
    expect(messages({ keywords: Array.from({ length: 25 }, (_, i) => `a rather long phrase number ${i}`) })[0]).toMatch(
      /up to 512 characters; these keywords and exclusions make \d+/,
    );
  });
});

describe('buildSearchQuery', () => {
  it('quotes phrases and operator words, keeps bare words for stemming', () => {
    expect(buildSearchQuery({ keywords: ['acme'], exclude: [] })).toBe('acme');
    expect(buildSearchQuery({ keywords: ['acme', 'acme air', 'or', 'c++'], exclude: ['anvil', 'road runner'] })).toBe(
      '(acme OR "acme air" OR "or" OR "c++") NOT anvil NOT "road runner"',
    );
  });
});

describe('buildMatcher', () => {
  it('matches whole words and phrases in any case and spacing', () => {
    const m = buildMatcher({ keywords: ['acme', 'acme air', 'c++', 'ünï'], exclude: ['acme corp'] });
    expect(m.matches('I flew ACME yesterday')).toBe(true);
    expect(m.matches('acme\n  air was late')).toBe(true);
    expect(m.matches('pacman and placement')).toBe(false);
    expect(m.matches('acmes')).toBe(false);
    expect(m.matches('I write c++ daily')).toBe(true);
    expect(m.matches('ÜNÏ rocks')).toBe(true);
    expect(m.matches('kÜNÏ rocks')).toBe(false);
    expect(m.excluded('Acme Corp anvils')).toBe(true);
    expect(m.excluded('acme air')).toBe(false);
    expect(buildMatcher({ keywords: ['a.b'], exclude: [] }).matches('axb')).toBe(false);
  });
});
