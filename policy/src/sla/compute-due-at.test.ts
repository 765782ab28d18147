import { describe, expect, it } from 'vitest';
import type { BusinessHours, Priority, SlaTargets } from './sla-types.ts';
import { computeDueAt, DEFAULT_SLA_RULES, DEFAULT_SLA_TARGETS, type SlaRules } from './compute-due-at.ts';

const nineToFive: BusinessHours = {
  '1': { open: '09:00', close: '17:00' },
  '2': { open: '09:00', close: '17:00' },
  '3': { open: '09:00', close: '17:00' },
  '4': { open: '09:00', close: '17:00' },
  '5': { open: '09:00', close: '17:00' },
};
const allDay = { open: '00:00', close: '24:00' };
const everyDayAllDay: BusinessHours = { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay };
// A late desk on Friday night, joined across midnight to Saturday morning.
const lateFriday: BusinessHours = { '5': { open: '18:00', close: '24:00' }, '6': { open: '00:00', close: '04:00' } };

function rules(timeZone: string, businessHours: BusinessHours | null, holidays: string[] = [], targetsMinutes: SlaTargets = DEFAULT_SLA_TARGETS): SlaRules {
  return { timeZone, targetsMinutes, businessHours, holidays };
}

interface Case {
  name: string;
  rules: SlaRules;
  priority: Priority;
  arrived: string;
  due: string;
}

const cases: Case[] = [
  // Business hours, UTC. 2026-11-23 is a Monday.
  { name: 'inside hours, fits the day', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T10:00:00Z', due: '2026-11-24T10:30:00Z' },
  { name: 'ends exactly at closing time', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T16:30:00Z', due: '2026-11-24T17:00:00Z' },
  { name: 'spills into the next morning', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T16:45:00Z', due: '2026-11-25T09:15:00Z' },
  { name: 'Friday 16:45 is due Monday 09:15', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-27T16:45:00Z', due: '2026-11-30T09:15:00Z' },
  { name: 'before opening: counts from opening', rules: rules('UTC', nineToFive), priority: 2, arrived: '2026-11-24T06:00:00Z', due: '2026-11-24T10:00:00Z' },
  { name: 'overnight: counts from the next opening', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T20:00:00Z', due: '2026-11-25T09:30:00Z' },
  { name: 'exactly at closing: counts from the next opening', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T17:00:00Z', due: '2026-11-25T09:30:00Z' },
  { name: 'exactly at opening', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-24T09:00:00Z', due: '2026-11-24T09:30:00Z' },
  { name: 'Saturday: counts from Monday', rules: rules('UTC', nineToFive), priority: 3, arrived: '2026-11-28T12:00:00Z', due: '2026-11-30T13:00:00Z' },
  { name: 'Sunday 23:59: counts from Monday', rules: rules('UTC', nineToFive), priority: 1, arrived: '2026-11-29T23:59:00Z', due: '2026-11-30T09:30:00Z' },
  { name: 'a 24-hour target is three 8-hour days', rules: rules('UTC', nineToFive), priority: 4, arrived: '2026-11-23T09:00:00Z', due: '2026-11-25T17:00:00Z' },
  { name: 'a 24-hour target across a weekend', rules: rules('UTC', nineToFive), priority: 4, arrived: '2026-11-26T13:00:00Z', due: '2026-12-01T13:00:00Z' },

  // Holidays.
  { name: 'skips a holiday and the weekend and a second holiday', rules: rules('UTC', nineToFive, ['2026-12-25', '2026-12-28']), priority: 1, arrived: '2026-12-24T16:50:00Z', due: '2026-12-29T09:20:00Z' },
  { name: 'arriving on a holiday', rules: rules('UTC', nineToFive, ['2026-12-25', '2026-12-28']), priority: 1, arrived: '2026-12-25T10:00:00Z', due: '2026-12-29T09:30:00Z' },
  { name: 'around the clock with a holiday', rules: rules('UTC', null, ['2026-12-25']), priority: 1, arrived: '2026-12-24T23:45:00Z', due: '2026-12-26T00:15:00Z' },
  { name: 'a holiday on a closed day changes nothing', rules: rules('UTC', nineToFive, ['2026-11-28']), priority: 1, arrived: '2026-11-27T16:45:00Z', due: '2026-11-30T09:15:00Z' },

  // Around the clock.
  { name: '24/7 on a Saturday', rules: rules('UTC', null), priority: 1, arrived: '2026-11-28T12:00:00Z', due: '2026-11-28T12:30:00Z' },
  { name: '24/7 P4 is a day later', rules: rules('Europe/Berlin', null), priority: 4, arrived: '2026-11-28T12:00:00Z', due: '2026-11-29T12:00:00Z' },
  { name: 'defaults: 24/7 UTC', rules: DEFAULT_SLA_RULES, priority: 3, arrived: '2026-11-28T23:00:00Z', due: '2026-11-29T03:00:00Z' },

  // Time zones.
  { name: 'New York 08:30 EST is before opening', rules: rules('America/New_York', nineToFive), priority: 1, arrived: '2026-11-24T13:30:00Z', due: '2026-11-24T14:30:00Z' },
  { name: 'Tokyo Friday 16:50 is due Monday 09:20 JST', rules: rules('Asia/Tokyo', nineToFive), priority: 1, arrived: '2026-11-27T07:50:00Z', due: '2026-11-30T00:20:00Z' },
  { name: 'Tokyo: a UTC Friday that is a local Saturday', rules: rules('Asia/Tokyo', nineToFive), priority: 1, arrived: '2026-11-27T15:00:00Z', due: '2026-11-30T00:30:00Z' },
  { name: 'Kolkata, a half-hour offset', rules: rules('Asia/Kolkata', nineToFive), priority: 1, arrived: '2026-11-24T03:00:00Z', due: '2026-11-24T04:00:00Z' },
  { name: 'Auckland: the holiday is the local date, not the UTC one', rules: rules('Pacific/Auckland', nineToFive, ['2026-12-25']), priority: 1, arrived: '2026-12-24T20:00:00Z', due: '2026-12-27T20:30:00Z' },

  // DST, America/New_York: spring forward 2026-03-08 02:00 EST → 03:00 EDT; fall back 2026-11-01 02:00 EDT → 01:00 EST.
  { name: 'NY: Friday before spring-forward, due Monday 09:15 EDT', rules: rules('America/New_York', nineToFive), priority: 1, arrived: '2026-03-06T21:45:00Z', due: '2026-03-09T13:15:00Z' },
  { name: 'NY: the spring-forward Sunday is 23 hours long', rules: rules('America/New_York', everyDayAllDay), priority: 4, arrived: '2026-03-08T05:00:00Z', due: '2026-03-09T05:00:00Z' },
  {
    name: 'NY: 01:00–04:00 on the spring-forward Sunday is 2 real hours',
    rules: rules('America/New_York', { '7': { open: '01:00', close: '04:00' } }, [], { P1: 150, P2: 150, P3: 150, P4: 150 }),
    priority: 1,
    arrived: '2026-03-08T06:00:00Z',
    due: '2026-03-15T05:30:00Z',
  },
  { name: 'NY: an hour across the gap', rules: rules('America/New_York', everyDayAllDay), priority: 2, arrived: '2026-03-08T06:30:00Z', due: '2026-03-08T07:30:00Z' },
  { name: 'NY: Saturday before fall-back, due Monday 09:30 EST', rules: rules('America/New_York', nineToFive), priority: 1, arrived: '2026-10-31T14:00:00Z', due: '2026-11-02T14:30:00Z' },
  { name: 'NY: the fall-back Sunday is 25 hours long', rules: rules('America/New_York', everyDayAllDay), priority: 4, arrived: '2026-11-01T04:00:00Z', due: '2026-11-02T04:00:00Z' },
  { name: 'NY: the repeated hour counts twice', rules: rules('America/New_York', everyDayAllDay), priority: 2, arrived: '2026-11-01T05:00:00Z', due: '2026-11-01T06:00:00Z' },

  // DST, Europe/Berlin: spring forward 2026-03-29 02:00 CET → 03:00 CEST; fall back 2026-10-25 03:00 CEST → 02:00 CET.
  { name: 'Berlin: Friday before spring-forward, due Monday 09:15 CEST', rules: rules('Europe/Berlin', nineToFive), priority: 1, arrived: '2026-03-27T15:45:00Z', due: '2026-03-30T07:15:00Z' },
  { name: 'Berlin: Friday before fall-back, due Monday 09:15 CET', rules: rules('Europe/Berlin', nineToFive), priority: 1, arrived: '2026-10-23T14:45:00Z', due: '2026-10-26T08:15:00Z' },
  {
    name: 'Berlin: 00:00–06:00 on the spring-forward Sunday holds 5 hours',
    rules: rules('Europe/Berlin', { '7': { open: '00:00', close: '06:00' } }, [], { P1: 300, P2: 300, P3: 301, P4: 301 }),
    priority: 1,
    arrived: '2026-03-28T23:00:00Z',
    due: '2026-03-29T04:00:00Z',
  },
  {
    name: 'Berlin: one minute more waits a week',
    rules: rules('Europe/Berlin', { '7': { open: '00:00', close: '06:00' } }, [], { P1: 300, P2: 300, P3: 301, P4: 301 }),
    priority: 3,
    arrived: '2026-03-28T23:00:00Z',
    due: '2026-04-04T22:01:00Z',
  },
  {
    name: 'Berlin: 00:00–06:00 on the fall-back Sunday holds 7 hours',
    rules: rules('Europe/Berlin', { '7': { open: '00:00', close: '06:00' } }, [], { P1: 420, P2: 420, P3: 420, P4: 420 }),
    priority: 1,
    arrived: '2026-10-24T22:00:00Z',
    due: '2026-10-25T05:00:00Z',
  },

  // A desk open across midnight: Friday 18:00–24:00 joined to Saturday 00:00–04:00.
  { name: 'late desk: crosses midnight without a gap', rules: rules('UTC', lateFriday), priority: 2, arrived: '2026-11-27T23:30:00Z', due: '2026-11-28T00:30:00Z' },
  { name: 'late desk: Saturday 03:50 spills to next Friday', rules: rules('UTC', lateFriday), priority: 1, arrived: '2026-11-28T03:50:00Z', due: '2026-12-04T18:20:00Z' },
  { name: 'late desk: ends exactly at 04:00', rules: rules('UTC', lateFriday), priority: 2, arrived: '2026-11-28T03:00:00Z', due: '2026-11-28T04:00:00Z' },
  { name: 'late desk: Thursday counts from Friday 18:00', rules: rules('UTC', lateFriday), priority: 3, arrived: '2026-11-26T12:00:00Z', due: '2026-11-27T22:00:00Z' },
  { name: 'late desk: 24 hours of work take three weekends', rules: rules('UTC', lateFriday), priority: 4, arrived: '2026-11-28T02:00:00Z', due: '2026-12-18T20:00:00Z' },
];

describe('computeDueAt', () => {
  it.each(cases)('$name', ({ rules: r, priority, arrived, due }) => {
    expect(computeDueAt(r, priority, new Date(arrived)).toISOString()).toBe(new Date(due).toISOString());
  });

  it('names the zone when a stored policy has one this runtime does not know', () => {
    expect(() => computeDueAt(rules('Mars/Olympus', nineToFive), 1, new Date('2026-11-24T10:00:00Z'))).toThrow(/"Mars\/Olympus" is not known/);
  });

  it('stops with a clear error when nothing is ever open', () => {
    const always = Array.from({ length: 4000 }, (_, i) => new Date(Date.UTC(2026, 10, 24) + i * 86_400_000).toISOString().slice(0, 10));
    expect(() => computeDueAt(rules('UTC', nineToFive, always), 1, new Date('2026-11-24T10:00:00Z'))).toThrow(/too little open time/);
  });
});

// An independent oracle: step minute by minute, asking Intl (not luxon) for each minute's local
// wall time, and count the open minutes until the target is reached.
function bruteForceDueAt(r: SlaRules, priority: Priority, arrived: Date): Date {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: r.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const weekdays: Record<string, string> = { Mon: '1', Tue: '2', Wed: '3', Thu: '4', Fri: '5', Sat: '6', Sun: '7' };
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  let remaining = r.targetsMinutes[`P${priority}`];
  for (let t = arrived.getTime(); ; t += 60_000) {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    const span = r.businessHours === null ? allDay : r.businessHours[weekdays[parts.weekday!] as '1'];
    const open = !r.holidays.includes(date) && span !== undefined && minute >= toMinutes(span.open) && minute < toMinutes(span.close);
    if (open && --remaining === 0) return new Date(t + 60_000);
  }
}

describe('computeDueAt agrees with a minute-by-minute count', () => {
  // Deterministic pseudo-random arrivals around both DST changes of 2026.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const policies: [string, SlaRules][] = [
    ['New York 9–17 with a holiday', { timeZone: 'America/New_York', targetsMinutes: { P1: 30, P2: 90, P3: 300, P4: 1000 }, businessHours: nineToFive, holidays: ['2026-03-09', '2026-11-02'] }],
    ['Berlin every day 00:00–24:00', { timeZone: 'Europe/Berlin', targetsMinutes: { P1: 30, P2: 90, P3: 300, P4: 1500 }, businessHours: everyDayAllDay, holidays: [] }],
    ['Berlin late desk', { timeZone: 'Europe/Berlin', targetsMinutes: { P1: 30, P2: 90, P3: 300, P4: 700 }, businessHours: lateFriday, holidays: [] }],
    ['Sydney weekend 01:00–05:00', { timeZone: 'Australia/Sydney', targetsMinutes: { P1: 30, P2: 90, P3: 300, P4: 500 }, businessHours: { '6': { open: '01:00', close: '05:00' }, '7': { open: '01:00', close: '05:00' } }, holidays: [] }],
  ];
  const windows = [Date.UTC(2026, 2, 5), Date.UTC(2026, 2, 26), Date.UTC(2026, 3, 2), Date.UTC(2026, 9, 22), Date.UTC(2026, 9, 29)];
  for (const [name, r] of policies) {
    it(name, () => {
      for (let i = 0; i < 60; i++) {
        const base = windows[i % windows.length]!;
        const arrived = new Date(base + Math.floor(random() * 5 * 24 * 60) * 60_000);
        const priority = (1 + (i % 4)) as Priority;
        expect(computeDueAt(r, priority, arrived).toISOString(), `${arrived.toISOString()} P${priority}`).toBe(bruteForceDueAt(r, priority, arrived).toISOString());
      }
    });
  }
});
