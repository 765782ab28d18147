import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, describeSlaPolicyIssues, isCalendarDate, parseClockTime, SlaPolicyInputSchema } from './sla-policy-input.ts';

const targets = { P1: 30, P2: 60, P3: 240, P4: 1440 };

describe('SlaPolicyInputSchema accepts', () => {
  it('a minimal policy and fills in UTC, around the clock, no holidays', () => {
    expect(SlaPolicyInputSchema.parse({ targetsMinutes: targets })).toEqual({
      timeZone: 'UTC',
      targetsMinutes: targets,
      businessHours: null,
      holidays: [],
    });
  });

  it('a full policy, dropping closed days and sorting and de-duplicating holidays', () => {
    const parsed = SlaPolicyInputSchema.parse({
      timeZone: 'america/new_york',
      targetsMinutes: targets,
      businessHours: { '1': { open: '09:00', close: '17:00' }, '5': { open: '00:00', close: '24:00' }, '6': undefined },
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
    });
    expect(parsed).toEqual({
      timeZone: 'America/New_York',
      targetsMinutes: targets,
      businessHours: { '1': { open: '09:00', close: '17:00' }, '5': { open: '00:00', close: '24:00' } },
      holidays: ['2026-01-01', '2026-12-25'],
    });
    expect(Object.keys(parsed.businessHours ?? {})).toEqual(['1', '5']);
  });

  it('equal targets and the 30-day maximum', () => {
    const t = { P1: 43_200, P2: 43_200, P3: 43_200, P4: 43_200 };
    expect(SlaPolicyInputSchema.parse({ targetsMinutes: t }).targetsMinutes).toEqual(t);
  });
});

describe('SlaPolicyInputSchema rejects, naming the field', () => {
  const cases: { name: string; input: unknown; message: string }[] = [
    { name: 'an unknown zone', input: { timeZone: 'Mars/Olympus', targetsMinutes: targets }, message: 'timeZone: "Mars/Olympus" is not an IANA time zone' },
    { name: 'a bare offset', input: { timeZone: '+02:00', targetsMinutes: targets }, message: 'timeZone: "+02:00" is not an IANA time zone' },
    { name: 'missing targets', input: {}, message: 'targetsMinutes: targetsMinutes must be an object { P1, P2, P3, P4 } of minutes' },
    { name: 'a missing priority', input: { targetsMinutes: { P1: 1, P2: 2, P3: 3 } }, message: 'targetsMinutes.P4: must be a number of minutes' },
    { name: 'a fractional target', input: { targetsMinutes: { ...targets, P2: 60.5 } }, message: 'targetsMinutes.P2: must be a whole number of minutes' },
    { name: 'a zero target', input: { targetsMinutes: { ...targets, P1: 0 } }, message: 'targetsMinutes.P1: must be at least 1 minute' },
    { name: 'a target over 30 days', input: { targetsMinutes: { ...targets, P4: 43_201 } }, message: 'targetsMinutes.P4: must be at most 43200 minutes (30 days)' },
    { name: 'swapped targets', input: { targetsMinutes: { ...targets, P2: 20 } }, message: 'targetsMinutes.P2: P2 (20 min) must not be shorter than P1 (30 min)' },
    { name: 'an unknown key', input: { targetsMinutes: targets, bussinessHours: null }, message: 'policy: unknown field "bussinessHours"; a policy has only timeZone, targetsMinutes, businessHours, holidays, alertLeadMinutes' },
    { name: 'not an object', input: null, message: 'policy: a policy must be an object { timeZone, targetsMinutes, businessHours, holidays, alertLeadMinutes }' },
    { name: 'a missing close', input: { targetsMinutes: targets, businessHours: { '1': { open: '09:00' } } }, message: 'businessHours.1.close (Monday): is missing: give a time "HH:MM"' },
    { name: 'business hours as a number', input: { targetsMinutes: targets, businessHours: 8 }, message: 'businessHours: businessHours must be an object keyed by ISO weekday' },
    { name: 'a weekday 0', input: { targetsMinutes: targets, businessHours: { '0': { open: '09:00', close: '17:00' } } }, message: 'businessHours: "0" is not an ISO weekday; use "1" (Monday) … "7" (Sunday)' },
    { name: 'a day name', input: { targetsMinutes: targets, businessHours: { mon: { open: '09:00', close: '17:00' } } }, message: 'businessHours: "mon" is not an ISO weekday' },
    { name: 'a bad time', input: { targetsMinutes: targets, businessHours: { '1': { open: '9:00', close: '17:00' } } }, message: 'businessHours.1.open (Monday): "9:00" is not a time "HH:MM" between 00:00 and 23:59' },
    { name: 'minutes past 59', input: { targetsMinutes: targets, businessHours: { '2': { open: '09:00', close: '17:60' } } }, message: 'businessHours.2.close (Tuesday): "17:60" is not a time' },
    { name: 'opening at 24:00', input: { targetsMinutes: targets, businessHours: { '3': { open: '24:00', close: '24:00' } } }, message: 'businessHours.3.open (Wednesday): "24:00" is not a time "HH:MM" between 00:00 and 23:59' },
    { name: 'close before open', input: { targetsMinutes: targets, businessHours: { '5': { open: '17:00', close: '09:00' } } }, message: 'businessHours.5.close (Friday): close 09:00 must be after open 17:00; for a shift past midnight' },
    { name: 'close equal to open', input: { targetsMinutes: targets, businessHours: { '7': { open: '09:00', close: '09:00' } } }, message: 'businessHours.7.close (Sunday): close 09:00 must be after open 09:00' },
    {
      name: 'too few open hours for the longest target',
      input: { targetsMinutes: { ...targets, P4: 43_200 }, businessHours: { '1': { open: '09:00', close: '09:10' } } },
      message: 'businessHours: open 10 minutes a week, so a 43200-minute target would take more than a year of opening hours',
    },
    { name: 'no open day', input: { targetsMinutes: targets, businessHours: {} }, message: 'businessHours: businessHours opens on no day' },
    { name: 'an impossible date', input: { targetsMinutes: targets, holidays: ['2026-02-30'] }, message: 'holidays[0]: "2026-02-30" is not a real date "YYYY-MM-DD"' },
    { name: 'a non-ISO date', input: { targetsMinutes: targets, holidays: ['2026-12-25', '25/12/2026'] }, message: 'holidays[1]: "25/12/2026" is not a real date' },
    { name: 'holidays not an array', input: { targetsMinutes: targets, holidays: '2026-12-25' }, message: 'holidays: holidays must be an array of dates "YYYY-MM-DD"' },
  ];
  it('every problem at once, not only the first', () => {
    const result = SlaPolicyInputSchema.safeParse({
      timeZone: 'Nowhere/City',
      targetsMinutes: { ...targets, P3: -1 },
      businessHours: { '8': { open: '09:00', close: '17:00' }, '1': { open: 'x', close: '17:00' } },
      holidays: ['2026-02-30'],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['businessHours', 'businessHours.1.open', 'holidays.0', 'targetsMinutes.P3', 'timeZone'],
    );
  });

  it.each(cases)('$name', ({ input, message }) => {
    const result = SlaPolicyInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(describeSlaPolicyIssues(result.error!)).toContain(message);
  });
});

describe('helpers', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', undefined],
    ['25:00', undefined],
    ['9:30', undefined],
    ['09:3', undefined],
  ] as const)('parseClockTime(%s) = %s', (value, minutes) => {
    expect(parseClockTime(value)).toBe(minutes);
  });

  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
  ] as const)('isCalendarDate(%s) = %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Nowhere/City', undefined],
    ['', undefined],
    ['+05:30', undefined],
  ] as const)('canonicalTimeZone(%s) = %s', (value, zone) => {
    expect(canonicalTimeZone(value)).toBe(zone);
  });
});
