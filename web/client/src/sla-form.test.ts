import { describe, expect, it } from 'vitest';
import type { SlaPolicyDto } from '../../src/api/contract.ts';
import { addHoliday, formToBody, policyToForm } from './sla-form.ts';

const policy: SlaPolicyDto = {
  brandId: 'b',
  timeZone: 'Europe/Berlin',
  targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 },
  businessHours: { '1': { open: '09:00', close: '17:00' }, '5': { open: '10:00', close: '24:00' } },
  holidays: ['2026-12-25'],
  alertLeadMinutes: 20,
};

describe('SLA policy form', () => {
  it('round-trips a policy with business hours', () => {
    const form = policyToForm(policy);
    expect(form.allDay).toBe(false);
    expect(form.days['2'].open).toBe(false);
    expect(form.days['5']).toEqual({ open: true, from: '10:00', to: '24:00' });
    const { brandId: _, ...body } = policy;
    expect(formToBody(form)).toEqual({ ok: true, value: body });
  });

  it('sends null hours for around the clock, and keeps weekday hours ready to switch back', () => {
    const form = policyToForm({ ...policy, businessHours: null });
    expect(form.allDay).toBe(true);
    expect(form.days['1']).toEqual({ open: true, from: '09:00', to: '17:00' });
    expect(form.days['7'].open).toBe(false);
    const body = formToBody(form);
    expect(body.ok && body.value.businessHours).toBeNull();
    const switched = formToBody({ ...form, allDay: false });
    expect(switched.ok && Object.keys(switched.value.businessHours ?? {})).toEqual(['1', '2', '3', '4', '5']);
  });

  it('names the target that is not a number of minutes', () => {
    const form = policyToForm(policy);
    expect(formToBody({ ...form, targets: { ...form.targets, P3: '4h' } })).toEqual({
      ok: false,
      message: 'P3 target must be a whole number of minutes, at least 1.',
    });
  });

  it('adds each holiday once, in date order', () => {
    expect(addHoliday(['2026-12-25'], '2026-01-01')).toEqual(['2026-01-01', '2026-12-25']);
    expect(addHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
  });

  it('carries the alert lead time as typed, and says in words when it is not minutes from 0 to a day', () => {
    const form = policyToForm(policy);
    expect(form.alertLeadMinutes).toBe('20');
    const zero = formToBody({ ...form, alertLeadMinutes: ' 0 ' });
    expect(zero.ok && zero.value.alertLeadMinutes).toBe(0);
    const message = 'Alert lead time must be a whole number of minutes, from 0 (only breaches) to 1440 (a day).';
    for (const bad of ['', '-5', '1.5', '1441', 'soon'])
      expect(formToBody({ ...form, alertLeadMinutes: bad })).toEqual({ ok: false, message });
    const day = formToBody({ ...form, alertLeadMinutes: '1440' });
    expect(day.ok && day.value.alertLeadMinutes).toBe(1440);
  });
});
