import { describe, expect, it } from 'vitest';
import { describeFilters, inboxHref, inboxSearch, inboxViewFromSearch, withoutFilters } from './inbox-url.ts';

const BRAND = '3f2b6c1e-8a4d-4e2b-9c7a-1d2e3f4a5b6c';

describe('inbox filters in the URL', () => {
  it('reads what it writes, in a fixed order, and ignores unknown keys', () => {
    const view = inboxViewFromSearch(`?sentiment=negative&brandId=${BRAND}&status=answered&utm=x`);
    expect(view).toEqual({ status: 'answered', filters: { sentiment: 'negative', brandId: BRAND } });
    expect(inboxSearch(view)).toBe(`?status=answered&brandId=${BRAND}&sentiment=negative`);
    expect(inboxViewFromSearch('')).toEqual({ status: 'open', filters: {} });
  });

  it('links a report figure to every mention of its period, answered or not', () => {
    const href = inboxHref({ brandId: BRAND, postedFrom: '2026-10-18T23:00:00.000Z', postedBefore: '2026-10-26T00:00:00.000Z', priority: 2, response: 'within', asOf: '2026-10-27T00:00:00.000Z' });
    expect(href).toBe(
      `/?status=all&brandId=${BRAND}&priority=2&postedFrom=2026-10-18T23%3A00%3A00.000Z&postedBefore=2026-10-26T00%3A00%3A00.000Z&response=within&asOf=2026-10-27T00%3A00%3A00.000Z`,
    );
    // A pasted link without status still shows answered mentions of the period.
    expect(inboxViewFromSearch(`?brandId=${BRAND}&postedFrom=2026-10-18T23:00:00.000Z`).status).toBe('all');
  });

  it('describes active filters as chips that remove what they name', () => {
    const view = inboxViewFromSearch(`?status=all&brandId=${BRAND}&sentiment=negative&response=missed&asOf=2026-10-27T00:00:00.000Z`);
    const chips = describeFilters(view.filters);
    expect(chips.map((c) => c.label)).toEqual(['Sentiment: negative', 'Response: missed (deadline passed, no reply)', expect.stringMatching(/^Replies counted up to /)]);
    expect(withoutFilters(view, chips[1]!.keys).filters).toEqual({ brandId: BRAND, sentiment: 'negative' });
  });
});
