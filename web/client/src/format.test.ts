import { describe, expect, it } from 'vitest';
import type { MentionDto } from '../../src/api/contract.ts';
import {
  countCharacters,
  hasHiddenCharacters,
  mergeMentions,
  safeExternalUrl,
  timeLeft,
  truncate,
} from './format.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('timeLeft', () => {
  it('counts down in the largest sensible unit', () => {
    expect(timeLeft(at(12 * 60_000 + 30_000), NOW)).toEqual({ label: '12m left', urgency: 'soon' });
    expect(timeLeft(at(45_000), NOW)).toEqual({ label: '45s left', urgency: 'soon' });
    expect(timeLeft(at(20 * 60_000), NOW)).toEqual({ label: '20m left', urgency: 'later' });
    expect(timeLeft(at(3 * 3_600_000 + 5 * 60_000), NOW).label).toBe('3h 5m left');
    expect(timeLeft(at(26 * 3_600_000), NOW).label).toBe('1d 2h left');
  });

  it('says overdue once the deadline has passed', () => {
    expect(timeLeft(at(-3 * 60_000), NOW)).toEqual({ label: 'overdue 3m', urgency: 'overdue' });
    expect(timeLeft(at(0), NOW).urgency).toBe('overdue');
  });
});

describe('truncate', () => {
  it('leaves short text alone and shortens long text with an ellipsis', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('abcdefghij', 4)).toBe('abcd…');
  });

  it('never splits an emoji sequence', () => {
    const family = '👩‍👩‍👧‍👦';
    const text = `ab${family}cd`;
    expect(truncate(text, 3)).toBe(`ab${family}…`);
    expect(countCharacters(text)).toBe(5);
  });
});

describe('safeExternalUrl', () => {
  it('keeps http(s) links and drops every other scheme', () => {
    expect(safeExternalUrl('https://x.com/a/status/1')).toBe('https://x.com/a/status/1');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeExternalUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });
});

describe('hasHiddenCharacters', () => {
  it('spots direction overrides and zero-width characters', () => {
    expect(hasHiddenCharacters('RTL \u202Eevil\u202C')).toBe(true);
    expect(hasHiddenCharacters('zero\u200Bwidth')).toBe(true);
    expect(hasHiddenCharacters('plain text, שלום, 👍')).toBe(false);
  });
});

describe('mergeMentions', () => {
  const mention = (id: string, dueMs: number, text = id): MentionDto => ({
    id,
    brandId: 'b',
    platform: 'demo',
    externalId: id,
    url: null,
    text,
    author: { handle: 'a', name: null, followers: null, verified: false },
    context: null,
    postedAt: at(0),
    sentiment: 'neutral',
    sentimentScore: 0,
    confidence: 1,
    intent: 'other',
    topic: null,
    isSpam: false,
    priority: 4,
    priorityReason: 'no action needed',
    slaDueAt: at(dueMs),
    status: 'open',
    answeredAt: null,
    assigneeId: null,
    followUpAt: null,
    tags: [],
  });

  it('orders by deadline then id, and fresh copies replace stale ones', () => {
    const current = [mention('b', 1000), mention('c', 2000)];
    const merged = mergeMentions(current, [mention('a', 1000), mention('c', 2000, 'updated'), mention('d', 500)]);
    expect(merged.map((m) => m.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(merged.find((m) => m.id === 'c')?.text).toBe('updated');
  });

  it('returns the same array when there is nothing to merge', () => {
    const current = [mention('a', 0)];
    expect(mergeMentions(current, [])).toBe(current);
  });
});
