import { describe, expect, it } from 'vitest';
import { BlueskyCredentialsSchema, blueskyDefinition } from './bluesky-definition.ts';
import { blueskySearchTerm, BlueskyQuerySchema, buildExcluder } from './bluesky-query.ts';
import { blueskyGraphemes, checkBlueskyReply } from './bluesky-text.ts';
import { formatBlueskyCursor, parseBlueskyCursor } from './bluesky-cursor.ts';

const messages = (input: unknown) => {
  const r = BlueskyQuerySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('Bluesky stream query', () => {
  it('trims, drops repeats that differ only in case, and lower-cases the language', () => {
    expect(BlueskyQuerySchema.parse({ keywords: [' acme ', 'Acme', 'acme air'], language: 'EN' })).toEqual({ keywords: ['acme', 'acme air'], exclude: [], language: 'en' });
  });

  it('explains what is wrong', () => {
    expect(messages({ keywords: [] })).toEqual(['Add at least one keyword or phrase to listen for.']);
    expect(messages({})).toEqual(['keywords must be a list of words or phrases.']);
    expect(messages({ keywords: ['  '] })).toEqual(['A keyword or exclusion cannot be blank.']);
    expect(messages({ keywords: ['"acme"'] })[0]).toMatch(/Leave out double quotes/);
    expect(messages({ keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) })[0]).toMatch(/At most 10 keywords/);
    expect(messages({ keywords: ['acme'], language: 'english' })).toEqual(['The language must be a two-letter code such as "en".']);
  });

  it('searches a phrase quoted and a word bare', () => {
    expect(blueskySearchTerm('acme air')).toBe('"acme air"');
    expect(blueskySearchTerm('#acmeair')).toBe('#acmeair');
  });

  it('excludes whole words and phrases only', () => {
    const excluded = buildExcluder(['acme corp', 'job']);
    expect(excluded('ACME   Corp is hiring')).toBe(true);
    expect(excluded('new Job at acme')).toBe(true);
    expect(excluded('jobs board')).toBe(false);
    expect(buildExcluder([])('anything')).toBe(false);
  });
});

describe('Bluesky reply length', () => {
  it('counts graphemes, so an emoji family or a flag is one', () => {
    expect(blueskyGraphemes('👨‍👩‍👧‍👦🇵🇹é')).toBe(3);
    expect(checkBlueskyReply('👍'.repeat(300))).toEqual({ ok: true });
    expect(checkBlueskyReply('a'.repeat(301))).toEqual({ ok: false, message: expect.stringMatching(/allows 300 characters.*has 301: shorten it by 1/) });
    expect(checkBlueskyReply('  ')).toEqual({ ok: false, message: 'A reply on Bluesky needs some text.' });
  });
});

describe('Bluesky credentials', () => {
  it('accepts a handle and an app password, and says what is wrong otherwise', () => {
    expect(BlueskyCredentialsSchema.parse({ identifier: '@acme.bsky.social', appPassword: 'ABCD-efgh-1234-ijkl' })).toEqual({
      identifier: 'acme.bsky.social',
      appPassword: 'abcd-efgh-1234-ijkl',
    });
    const r = BlueskyCredentialsSchema.safeParse({ identifier: 'acme', appPassword: 'my secret password' });
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'identifier: use the full handle, e.g. "acme.bsky.social" (or the account DID)',
      expect.stringMatching(/^appPassword: this is not an app password: create one in Bluesky under Settings/),
    ]);
  });

  it('describes the platform without connecting', () => {
    const d = blueskyDefinition();
    expect(d).toMatchObject({ platform: 'bluesky', label: 'Bluesky', replyLimit: 300 });
    expect(d.querySchema.safeParse(d.queryExample).success).toBe(true);
    expect(d.credentials?.fields.map((f) => [f.name, f.secret])).toEqual([
      ['identifier', false],
      ['appPassword', true],
    ]);
  });
});

describe('Bluesky cursor', () => {
  it('keeps only the seen posts a later search can return again', () => {
    const cursor = { v: 1 as const, keywords: { a: { since: 10_000 }, b: { since: null } }, seen: { old: 8_000, edge: 9_500, new: 10_000 } };
    expect(JSON.parse(formatBlueskyCursor(cursor, 1_000))).toEqual({ v: 1, keywords: cursor.keywords, seen: { edge: 9_500, new: 10_000 } });
    expect(parseBlueskyCursor(formatBlueskyCursor(cursor, 1_000)).keywords).toEqual(cursor.keywords);
    expect(() => parseBlueskyCursor('{"since":"2024"}')).toThrow(/Reset the stream's position/);
  });
});
