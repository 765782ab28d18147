import { describe, expect, it } from 'vitest';
import { hashtagsOf, phrasesOf } from './phrases.ts';

describe('phrasesOf', () => {
  it('takes content words and adjacent pairs within a clause, once per text', () => {
    // "again", "my", "is" are stopwords and break pairs; the comma ends a clause.
    expect([...phrasesOf('Late delivery again, my parcel is missing')].sort()).toEqual([
      'delivery',
      'late',
      'late delivery',
      'missing',
      'parcel',
    ]);
    expect([...phrasesOf('@acme late LATE late https://t.co/x #fail')].sort()).toEqual([
      'late',
      'late late',
    ]);
  });
});

describe('hashtagsOf', () => {
  it('takes tags once, lower-cased, and leaves numbers, URLs fragments and entities out', () => {
    expect([...hashtagsOf('#Outage again #outage #AcmeDown, flight #2 https://x.io/#frag &#39;')].sort()).toEqual([
      '#acmedown',
      '#outage',
    ]);
  });
});
