import { describe, expect, it } from 'vitest';
import { risingPhrases } from './rising-phrases.ts';

describe('risingPhrases', () => {
  it('ranks by rise, needs two mentions, and drops a word its pair says as often', () => {
    const now = [
      'late delivery',
      'late delivery today',
      'late again',
      'refund please',
      'refund now',
    ];
    const before = ['refund please', 'refund please'];
    // late 3, delivery 2, "late delivery" 2 (delivery dropped: the pair has its count), refund 2 vs 2 (no rise).
    expect(risingPhrases({ texts: now, scale: 1 }, { texts: before, scale: 1 })).toEqual([
      { phrase: 'late', current: 3, previous: 0, rise: 3 },
      { phrase: 'late delivery', current: 2, previous: 0, rise: 2 },
    ]);
  });

  it('scales sampled counts', () => {
    expect(
      risingPhrases({ texts: ['outage', 'outage'], scale: 10 }, { texts: ['outage'], scale: 5 }),
    ).toEqual([{ phrase: 'outage', current: 20, previous: 5, rise: 15 }]);
  });
});
