import { describe, expect, it } from 'vitest';
import { describeDetails, hourOfWeekLabel } from './alert-details.ts';

describe('an alert explanation in words', () => {
  it('names the known figures, and shows anything else generically as text (phrases with counts, examples)', () => {
    const { figures, lists } = describeDetails({
      metric: 'negative',
      observed: 96,
      expected: 36.1,
      factor: 2.7,
      windowMinutes: 8,
      baseline: 'weekly',
      rule: { minCount: 8 },
      phrases: [
        { phrase: 'lost bag', count: 31 },
        { phrase: '<img src=x onerror=alert(1)>', count: 4 },
      ],
      examples: [{ text: 'Where is my bag?', author: 'ann' }],
      topPlatform: 'x',
    });
    expect(figures).toEqual([
      { label: 'Observed', value: '96' },
      { label: 'Normal', value: '36.1' },
      { label: 'Factor', value: '2.7×' },
      { label: 'Window', value: '8 min' },
      { label: 'Baseline', value: 'this hour of the week' },
      { label: 'Top platform', value: 'x' },
    ]);
    expect(lists).toEqual([
      { label: 'Phrases', items: ['lost bag (31)', '<img src=x onerror=alert(1)> (4)'] },
      { label: 'Examples', items: ['Where is my bag? · Author: ann'] },
    ]);
  });

  it('says hours of the week', () => {
    expect(hourOfWeekLabel(0)).toBe('Sun 00:00 UTC');
    expect(hourOfWeekLabel(24 + 13)).toBe('Mon 13:00 UTC');
    expect(hourOfWeekLabel(167)).toBe('Sat 23:00 UTC');
  });
});
