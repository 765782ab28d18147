import { WEEKDAYS, type Weekday } from '@earshot/policy/weekdays';
import { SLA_POLICY_LABELS, SlaPolicyInputSchema, type SlaPolicyDto } from '../../src/api/contract.ts';
import { contractProblems, contractResolver, type FieldOf } from './form-errors.ts';

// The SLA policy form's values (text as typed) and the body they make. The form checks that
// body with the server's own schema (SlaPolicyInputSchema) and labels, so what it says before
// sending is what the server would say; a closed day keeps its hours for when it is reopened.

/** The path a brand's policy is read from and written to. */
export function slaPolicyPath(brandId: string): string {
  return `/api/brands/${encodeURIComponent(brandId)}/sla-policy`;
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type PriorityKey = (typeof PRIORITIES)[number];

export type SlaPolicyBody = Omit<SlaPolicyDto, 'brandId'>;

export interface DayForm {
  open: boolean;
  from: string;
  to: string;
}

/** Named as the API names them where the two agree, so most paths are the form's own. */
export interface SlaForm {
  timeZone: string;
  targetsMinutes: Record<PriorityKey, string>;
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
    targetsMinutes: {
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

/**
 * Minutes as typed → a number for the schema to judge: blank or words become NaN ("must be a
 * number of minutes"), "1.5" stays 1.5 ("must be a whole number").
 */
function minutes(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** The body the form sends; unchecked (slaFormProblems and the server check it). */
export function formToBody(form: SlaForm): SlaPolicyBody {
  let businessHours: SlaPolicyBody['businessHours'] = null;
  if (!form.allDay) {
    businessHours = {};
    for (const d of WEEKDAYS) {
      const day = form.days[d];
      if (day.open) businessHours[d] = { open: day.from.trim(), close: day.to.trim() };
    }
  }
  return {
    timeZone: form.timeZone.trim(),
    targetsMinutes: {
      P1: minutes(form.targetsMinutes.P1),
      P2: minutes(form.targetsMinutes.P2),
      P3: minutes(form.targetsMinutes.P3),
      P4: minutes(form.targetsMinutes.P4),
    },
    businessHours,
    holidays: [...form.holidays].sort(),
    alertLeadMinutes: minutes(form.alertLeadMinutes),
  };
}

/** Which field of the form an API path is about (the server's problems and the schema's). */
export const slaFieldOf: FieldOf<SlaForm> = (path) => {
  const [head, day, part] = path.split('.');
  if (head === 'timeZone' || head === 'alertLeadMinutes') return head;
  if (head === 'targetsMinutes') return day !== undefined && (PRIORITIES as readonly string[]).includes(day) ? (`targetsMinutes.${day as PriorityKey}` as const) : null;
  if (head === 'holidays') return 'holidays';
  if (head === 'businessHours') {
    if (day === undefined || !(WEEKDAYS as readonly string[]).includes(day)) return 'allDay';
    return `days.${day as Weekday}.${part === 'open' ? 'from' : 'to'}` as const;
  }
  return null;
};

export const slaResolver = contractResolver<SlaForm>(formToBody, SlaPolicyInputSchema, SLA_POLICY_LABELS, slaFieldOf);

/** The form's problems by form field, as the resolver puts them (for tests and callers without a form). */
export function slaFormProblems(form: SlaForm): { field: string | null; message: string }[] {
  return contractProblems(SlaPolicyInputSchema, SLA_POLICY_LABELS, formToBody(form)).map((p) => ({ field: slaFieldOf(p.path), message: p.message }));
}

/** Adds a holiday once, keeping the list in date order. */
export function addHoliday(holidays: string[], date: string): string[] {
  return holidays.includes(date) ? holidays : [...holidays, date].sort();
}
