import { describe, expect, it } from 'vitest';
import { fmtChange, fmtMinutes, fmtNet, isoWeekOf, lastWeek } from './report-format.ts';

describe('report formatting', () => {
  it('names ISO weeks, including the ones that belong to the neighbouring year', () => {
    expect(isoWeekOf(new Date(2026, 9, 19))).toBe('2026-W43'); // Monday
    expect(isoWeekOf(new Date(2026, 9, 25))).toBe('2026-W43'); // Sunday
    expect(isoWeekOf(new Date(2027, 0, 1))).toBe('2026-W53'); // Friday: 2026 has 53 weeks
    expect(isoWeekOf(new Date(2025, 11, 29))).toBe('2026-W01'); // Monday of week 1 of 2026
    expect(lastWeek(new Date(2026, 9, 26, 9))).toBe('2026-W43');
  });

  it('writes times, net sentiment and changes the way a manager reads them', () => {
    expect(fmtMinutes(42.4)).toBe('42 min');
    expect(fmtMinutes(135)).toBe('2.3 h');
    expect(fmtMinutes(1500)).toBe('25 h');
    expect(fmtNet(-0.254)).toBe('−25');
    expect(fmtNet(0.1)).toBe('+10');
    expect(fmtChange(12.6)).toBe('+13%');
    expect(fmtChange(-3.2, 'pts')).toBe('−3 pts');
    expect(fmtChange(null)).toBe('nothing to compare');
  });
});
