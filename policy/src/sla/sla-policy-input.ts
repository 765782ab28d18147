import { z } from 'zod';
import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from './weekdays.ts';

// One schema for the web API (which accepts a policy from an admin), the database (which stores
// it) and the worker (which applies it).

/** The longest first-response target a policy may set: 30 days, in minutes. */
export const MAX_SLA_TARGET_MINUTES = 30 * 24 * 60;


/**
 * The canonical spelling of an IANA zone name, or undefined if this runtime does not know it.
 * ICU also maps links to other names ("EST" → "America/Panama", "Europe/Kyiv" → "Europe/Kiev"
 * on older data); we keep the admin's spelling then and only fix its letter case.
 */
export function canonicalTimeZone(name: string): string | undefined {
  // Offsets such as "+02:00" are not zones: they know nothing of daylight saving.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return undefined;
  }
}

/** Minutes since midnight for "HH:MM" (00:00 … 24:00), or undefined. */
export function parseClockTime(value: string): number | undefined {
  const m = /^(\d\d):(\d\d)$/.exec(value);
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** True when "YYYY-MM-DD" names a day that exists on the calendar. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// Messages name no field: the API prefixes the form's label ("Alert lead time must be …",
// web/src/api/contract.ts SLA_POLICY_LABELS), and describeSlaPolicyIssues the field's path.
const TimeZoneSchema = z
  .string({ error: 'must be a name such as "Europe/Berlin"' })
  .trim()
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone) return zone;
    ctx.addIssue({
      code: 'custom',
      message: `"${name}" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"`,
    });
    return z.NEVER;
  });

const TargetMinutesSchema = z
  .number({ error: 'must be a number of minutes' })
  .int({ error: 'must be a whole number of minutes' })
  .min(1, { error: 'must be at least 1 minute' })
  .max(MAX_SLA_TARGET_MINUTES, { error: `must be at most ${MAX_SLA_TARGET_MINUTES} minutes (30 days)` });

const TargetsSchema = z
  .strictObject(
    { P1: TargetMinutesSchema, P2: TargetMinutesSchema, P3: TargetMinutesSchema, P4: TargetMinutesSchema },
    { error: 'targetsMinutes must be an object { P1, P2, P3, P4 } of minutes' },
  )
  .superRefine((t, ctx) => {
    // A lower priority answered sooner than a higher one is almost always swapped values.
    const order = [t.P1, t.P2, t.P3, t.P4];
    // A target already reported as invalid is not compared again.
    const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SLA_TARGET_MINUTES;
    for (let i = 1; i < order.length; i++) {
      if (valid(order[i]!) && valid(order[i - 1]!) && order[i]! < order[i - 1]!) {
        ctx.addIssue({
          code: 'custom',
          path: [`P${i + 1}`],
          message: `P${i + 1} (${order[i]} min) must not be shorter than P${i} (${order[i - 1]} min): a more urgent priority gets the shorter target`,
        });
      }
    }
  });

const ClockSchema = z.string({ error: (issue) => (issue.input === undefined ? 'is missing: give a time "HH:MM"' : 'must be a time "HH:MM"') });

const DayHoursSchema = z
  .strictObject({ open: ClockSchema, close: ClockSchema }, { error: 'must be { open: "HH:MM", close: "HH:MM" }' })
  .superRefine((h, ctx) => {
    const open = parseClockTime(h.open);
    const close = parseClockTime(h.close);
    if (open === undefined || open === 24 * 60) {
      ctx.addIssue({ code: 'custom', path: ['open'], message: `"${h.open}" is not a time "HH:MM" between 00:00 and 23:59` });
    }
    if (close === undefined) {
      ctx.addIssue({ code: 'custom', path: ['close'], message: `"${h.close}" is not a time "HH:MM" between 00:00 and 24:00` });
    }
    if (open !== undefined && close !== undefined && open >= close) {
      ctx.addIssue({
        code: 'custom',
        path: ['close'],
        message: `close ${h.close} must be after open ${h.open}; for a shift past midnight, close this day at 24:00 and open the next at 00:00`,
      });
    }
  });

const dayShape = Object.fromEntries(WEEKDAYS.map((d) => [d, DayHoursSchema.optional()])) as Record<
  Weekday,
  z.ZodOptional<typeof DayHoursSchema>
>;

const BusinessHoursSchema = z
  .strictObject(dayShape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not ISO weekdays' : 'is not an ISO weekday'}; use "1" (Monday) … "7" (Sunday)`
        : 'businessHours must be an object keyed by ISO weekday "1" (Monday) … "7" (Sunday), or null for around the clock',
  })
  .transform((hours, ctx) => {
    // Drop absent days so the stored JSON holds only open days.
    const open = Object.fromEntries(Object.entries(hours).filter(([, h]) => h !== undefined)) as typeof hours;
    if (Object.keys(open).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'businessHours opens on no day, so nothing would ever be due; open at least one day, or use null for around the clock' });
      return z.NEVER;
    }
    return open;
  });

const HolidaySchema = z.string({ error: 'must be a date "YYYY-MM-DD"' }).refine(isCalendarDate, {
  error: (issue) => `"${String(issue.input)}" is not a real date "YYYY-MM-DD"`,
});

/**
 * A brand's SLA policy as an admin submits it. Missing parts mean: UTC, around the clock, no
 * holidays. Unknown keys are rejected so a typo ("bussinessHours") is not silently ignored.
 */
const POLICY_FIELDS = ['timeZone', 'targetsMinutes', 'businessHours', 'holidays', 'alertLeadMinutes'];

export const SlaPolicyInputSchema = z.strictObject(
  {
  timeZone: TimeZoneSchema.default('UTC'),
  targetsMinutes: TargetsSchema,
  businessHours: BusinessHoursSchema.nullable().default(null),
  holidays: z
    .array(HolidaySchema, { error: 'holidays must be an array of dates "YYYY-MM-DD"' })
    .max(1000, { error: 'holidays may list at most 1000 dates' })
    .default([])
    .transform((days) => [...new Set(days)].sort()),
  /**
   * Minutes before a deadline that an open mention counts as about to breach (SLA alerts).
   * Absent: left as stored (15 for a new policy), so a form that does not show it cannot reset it.
   */
  alertLeadMinutes: z
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be a whole number of minutes' })
    .min(0, { error: 'must be at least 0 minutes (0: alert on breaches only)' })
    .max(1440, { error: 'must be at most 1440 minutes (a day)' })
    .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; a policy has only ${POLICY_FIELDS.join(', ')}`
        : `a policy must be an object { ${POLICY_FIELDS.join(', ')} }`,
  },
).superRefine((policy, ctx) => {
  // Deadlines are counted in open time; a target that needs more than a year of it is a
  // mistake (and would make every deadline computation walk years of calendar).
  if (!policy.businessHours || !policy.targetsMinutes) return;
  const weekly = Object.values(policy.businessHours).reduce((sum, h) => sum + (parseClockTime(h?.close ?? '') ?? NaN) - (parseClockTime(h?.open ?? '') ?? NaN), 0);
  const longest = Math.max(...Object.values(policy.targetsMinutes));
  // NaN (a part already reported invalid) compares false: no second, confusing message.
  if (weekly * 52 < longest) {
    ctx.addIssue({
      code: 'custom',
      path: ['businessHours'],
      message: `open ${weekly} minutes a week, so a ${longest}-minute target would take more than a year of opening hours; open longer or shorten the target`,
    });
  }
});

/** What an admin may send. */
export type SlaPolicyInput = z.input<typeof SlaPolicyInputSchema>;
/** A validated policy: zone canonical, closed days dropped, holidays sorted and unique. */
export type SlaPolicyValues = z.output<typeof SlaPolicyInputSchema>;

/** One line per problem, each naming the field: for error messages. */
export function describeSlaPolicyIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
      const day = issue.path[0] === 'businessHours' && typeof issue.path[1] === 'string' ? WEEKDAY_NAMES[issue.path[1] as Weekday] : undefined;
      return `${path || 'policy'}${day ? ` (${day})` : ''}: ${issue.message}`;
    })
    .join('; ');
}
