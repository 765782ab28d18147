import { describe, expect, it } from 'vitest';
import type { SlaPolicyDto } from '../../src/api/contract.ts';
import { addHoliday, formToBody, policyToForm, slaFieldOf, slaFormProblems } from './sla-form.ts';

const policy: SlaPolicyDto = {
  brandId: 'b',
  timeZone: 'Europe/Berlin',
  targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 },
  businessHours: { '1': { open: '09:00', close: '17:00' }, '5': { open: '10:00', close: '24:00' } },
  holidays: ['2026-12-25'],
  alertLeadMinutes: 20,
};

describe('SLA policy form', () => {
  it('round-trips a policy with business hours, and finds nothing wrong with it', () => {
    const form = policyToForm(policy);
    expect(form.allDay).toBe(false);
    expect(form.days['2'].open).toBe(false);
    expect(form.days['5']).toEqual({ open: true, from: '10:00', to: '24:00' });
    const { brandId: _, ...body } = policy;
    expect(formToBody(form)).toEqual(body);
    expect(slaFormProblems(form)).toEqual([]);
  });

  it('sends null hours for around the clock, and keeps weekday hours ready to switch back', () => {
    const form = policyToForm({ ...policy, businessHours: null });
    expect(form.allDay).toBe(true);
    expect(form.days['1']).toEqual({ open: true, from: '09:00', to: '17:00' });
    expect(form.days['7'].open).toBe(false);
    expect(formToBody(form).businessHours).toBeNull();
    expect(Object.keys(formToBody({ ...form, allDay: false }).businessHours ?? {})).toEqual(['1', '2', '3', '4', '5']);
  });

  it('says what is wrong in the server’s words, on the field the user typed it in', () => {
    const form = policyToForm(policy);
    expect(slaFormProblems({ ...form, targetsMinutes: { ...form.targetsMinutes, P3: '4h', P2: '0' } })).toEqual([
      { field: 'targetsMinutes.P2', message: 'P2 target must be at least 1 minute' },
      { field: 'targetsMinutes.P3', message: 'P3 target must be a number of minutes' },
    ]);
    expect(slaFormProblems({ ...form, timeZone: 'Mars/Olympus_Mons' })).toEqual([
      { field: 'timeZone', message: 'Time zone: "Mars/Olympus_Mons" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"' },
    ]);
    const friday = { ...form.days['5'], from: '18:00', to: '17:00' };
    expect(slaFormProblems({ ...form, days: { ...form.days, '5': friday } })).toEqual([
      {
        field: 'days.5.to',
        message: expect.stringMatching(/^Friday closing time: close 17:00 must be after open 18:00/) as unknown as string,
      },
    ]);
  });

  it('maps every path the server names onto a field, or above the buttons', () => {
    expect(slaFieldOf('businessHours.3.open')).toBe('days.3.from');
    expect(slaFieldOf('businessHours.3.close')).toBe('days.3.to');
    expect(slaFieldOf('businessHours')).toBe('allDay');
    expect(slaFieldOf('holidays.2')).toBe('holidays');
    expect(slaFieldOf('targetsMinutes')).toBeNull();
    expect(slaFieldOf('somethingElse')).toBeNull();
  });

  it('adds each holiday once, in date order', () => {
    expect(addHoliday(['2026-12-25'], '2026-01-01')).toEqual(['2026-01-01', '2026-12-25']);
    expect(addHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
  });

  it('carries the alert lead time as typed, and says in words when it is not minutes from 0 to a day', () => {
    const form = policyToForm(policy);
    expect(form.alertLeadMinutes).toBe('20');
    expect(formToBody({ ...form, alertLeadMinutes: ' 0 ' }).alertLeadMinutes).toBe(0);
    const problem = (text: string) => slaFormProblems({ ...form, alertLeadMinutes: text }).map((p) => `${String(p.field)}: ${p.message}`);
    expect(problem('')).toEqual(['alertLeadMinutes: Alert lead time must be a number of minutes']);
    expect(problem('soon')).toEqual(['alertLeadMinutes: Alert lead time must be a number of minutes']);
    expect(problem('-5')).toEqual(['alertLeadMinutes: Alert lead time must be at least 0 minutes (0: alert on breaches only)']);
    expect(problem('1.5')).toEqual(['alertLeadMinutes: Alert lead time must be a whole number of minutes']);
    expect(problem('1441')).toEqual(['alertLeadMinutes: Alert lead time must be at most 1440 minutes (a day)']);
    expect(problem('1440')).toEqual([]);
  });
});
