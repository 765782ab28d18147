import { WEEKDAYS, type Weekday } from '@earshot/policy/weekdays';
import type { SlaPolicyDto } from '../../src/api/contract.ts';
import type { Parsed } from './stream-form.ts';

// The SLA policy form's state (strings as typed) and its conversion to and from the API's
// shape. The server checks the policy in full and names the field at fault; this only
// turns text into numbers and keeps a closed day's hours for when it is reopened.

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type PriorityKey = (typeof PRIORITIES)[number];

export type SlaPolicyBody = Omit<SlaPolicyDto, 'brandId'>;

/** The server's bound (sla_policies_alert_lead_check): a day. */
export const MAX_ALERT_LEAD_MINUTES = 1440;

export interface DayForm {
  open: boolean;
  from: string;
  to: string;
}

export interface SlaForm {
  timeZone: string;
  targets: Record<PriorityKey, string>;
  /** Around the clock: businessHours null. */
  allDay: boolean;
  days: Record<Weekday, DayForm>;
  holidays: string[];
  /** Minutes before a deadline that an open mention counts as about to breach (SLA alerts), as typed. */
  alertLeadMinutes: string;
}

const WORKDAY: DayForm = { open: true, from: '09:00', to: '17:00' };
const WEEKEND: DayForm = { open: false, from: '09:00', to: '17:00' };

export function policyToForm(policy: SlaPolicyDto): SlaForm {
  const hours = policy.businessHours;
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => {
      if (hours === null) return [d, d === '6' || d === '7' ? WEEKEND : WORKDAY];
      const h = hours[d];
      return [d, h === undefined ? WEEKEND : { open: true, from: h.open, to: h.close }];
    }),
  ) as Record<Weekday, DayForm>;
  return {
    timeZone: policy.timeZone,
    targets: {
      P1: String(policy.targetsMinutes.P1),
      P2: String(policy.targetsMinutes.P2),
      P3: String(policy.targetsMinutes.P3),
      P4: String(policy.targetsMinutes.P4),
    },
    allDay: hours === null,
    days,
    holidays: [...policy.holidays],
    alertLeadMinutes: String(policy.alertLeadMinutes),
  };
}

export function formToBody(form: SlaForm): Parsed<SlaPolicyBody> {
  const targets: Partial<Record<PriorityKey, number>> = {};
  for (const p of PRIORITIES) {
    const text = form.targets[p].trim();
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      return { ok: false, message: `${p} target must be a whole number of minutes, at least 1.` };
    }
    targets[p] = Number(text);
  }
  const lead = form.alertLeadMinutes.trim();
  if (!/^\d+$/.test(lead) || Number(lead) > MAX_ALERT_LEAD_MINUTES) {
    return { ok: false, message: 'Alert lead time must be a whole number of minutes, from 0 (only breaches) to 1440 (a day).' };
  }
  let businessHours: SlaPolicyBody['businessHours'] = null;
  if (!form.allDay) {
    businessHours = {};
    for (const d of WEEKDAYS) {
      const day = form.days[d];
      if (day.open) businessHours[d] = { open: day.from.trim(), close: day.to.trim() };
    }
  }
  return {
    ok: true,
    value: {
      timeZone: form.timeZone.trim(),
      targetsMinutes: targets as Record<PriorityKey, number>,
      businessHours,
      holidays: [...form.holidays].sort(),
      alertLeadMinutes: Number(lead),
    },
  };
}

/** Adds a holiday once, keeping the list in date order. */
export function addHoliday(holidays: string[], date: string): string[] {
  return holidays.includes(date) ? holidays : [...holidays, date].sort();
}
