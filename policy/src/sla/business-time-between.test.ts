import { describe, expect, it } from 'vitest';
import type { BusinessHours, Priority } from './sla-types.ts';
import {
  businessCalendar,
  businessTimeBetween,
  computeDueAt,
  type SlaRules,
} from './compute-due-at.ts';

const nineToFive: BusinessHours = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }]),
);
const london: SlaRules = {
  timeZone: 'Europe/London',
  targetsMinutes: { P1: 60, P2: 120, P3: 240, P4: 480 },
  businessHours: nineToFive,
  holidays: ['2026-10-22'],
};
const minutes = (r: SlaRules, from: string, to: string) =>
  businessTimeBetween(r, new Date(from), new Date(to)) / 60_000;

describe('businessTimeBetween', () => {
  // Europe/London: BST (UTC+1) until 2026-10-25 01:00Z, then GMT. 2026-10-19 is a Monday; Thursday 22nd a holiday.
  it.each([
    ['inside one day', '2026-10-19T09:00:00Z', '2026-10-19T10:30:00Z', 90], // 10:00–11:30 BST
    ['across closing and the next opening', '2026-10-19T15:30:00Z', '2026-10-20T08:45:00Z', 75], // 16:30–17:00 + 09:00–09:45 BST
    ['from after closing across a holiday', '2026-10-21T17:00:00Z', '2026-10-23T08:30:00Z', 30], // Wed 18:00 BST; Thu closed; Fri 09:00–09:30
    ['arriving on the holiday', '2026-10-22T09:00:00Z', '2026-10-23T09:30:00Z', 90], // Fri 09:00–10:30 BST
    ['a weekend and the DST change', '2026-10-24T10:00:00Z', '2026-10-26T09:20:00Z', 20], // Sat BST → Mon 09:00–09:20 GMT
    ['a whole week with a holiday', '2026-10-18T23:00:00Z', '2026-10-26T00:00:00Z', 4 * 8 * 60], // four open days
    ['the end before the start', '2026-10-20T10:00:00Z', '2026-10-20T09:00:00Z', 0],
    [
      'around the clock across the long Sunday',
      '2026-10-24T23:00:00Z',
      '2026-10-26T00:00:00Z',
      25 * 60,
    ],
  ])('%s', (_name, from, to, expected) => {
    const r = _name.startsWith('around')
      ? { ...london, businessHours: null, holidays: [] }
      : london;
    expect(minutes(r, from, to)).toBe(expected);
  });

  it('measures exactly the target between arrival and the deadline computeDueAt gives', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const zones: SlaRules[] = [
      london,
      { ...london, timeZone: 'America/New_York', holidays: ['2026-11-02'] },
    ];
    for (const r of zones) {
      for (let i = 0; i < 200; i++) {
        const arrived = new Date(
          Date.UTC(2026, 9, 20) + Math.floor(random() * 16 * 24 * 60) * 60_000,
        );
        const priority = (1 + (i % 4)) as Priority;
        const due = computeDueAt(r, priority, arrived);
        expect(
          businessTimeBetween(r, arrived, due) / 60_000,
          `${r.timeZone} ${arrived.toISOString()} P${priority}`,
        ).toBe(r.targetsMinutes[`P${priority}`]);
      }
    }
  });

  it('gives a calendar whose cumulative open time matches the sum of windows', () => {
    const c = businessCalendar(
      london,
      new Date('2026-10-18T23:00:00Z'),
      new Date('2026-10-27T00:00:00Z'),
    );
    // Mon, Tue, Wed, Fri of the week and Mon 26th: five windows of 8 hours.
    expect(c.starts.map((s) => new Date(s).toISOString())).toEqual([
      '2026-10-19T08:00:00.000Z',
      '2026-10-20T08:00:00.000Z',
      '2026-10-21T08:00:00.000Z',
      '2026-10-23T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
    expect(c.cumulative).toEqual([0, 1, 2, 3, 4].map((n) => n * 8 * 3_600_000));
  });
});
