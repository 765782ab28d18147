import { DateTime } from 'luxon';
import { parseClockTime } from './sla-policy-input.ts';
import type { BusinessHours, Priority, SlaTargets } from './sla-types.ts';

/** How a brand's first-response deadlines are counted. Build one with `slaRulesFromPolicy`. */
export interface SlaRules {
  /** IANA zone in which business hours and holidays are read. */
  timeZone: string;
  /** Minutes of open time to first response, per priority. */
  targetsMinutes: SlaTargets;
  /** Open hours per ISO weekday; null: around the clock. */
  businessHours: BusinessHours | null;
  /** Closed days, "YYYY-MM-DD" in `timeZone`. */
  holidays: readonly string[];
}

// Frozen: every brand without a policy shares these objects.
export const DEFAULT_SLA_TARGETS: SlaTargets = Object.freeze({ P1: 30, P2: 60, P3: 240, P4: 1440 });

/** What a brand without a policy gets: UTC, around the clock, no holidays. */
export const DEFAULT_SLA_RULES: SlaRules = Object.freeze({
  targetsMinutes: DEFAULT_SLA_TARGETS,
  timeZone: 'UTC',
  businessHours: null,
  holidays: Object.freeze([]),
});

// A valid policy finishes well within this (the policy schema keeps targets to 30 days and
// requires an open day); the bound only stops a malformed stored policy from looping forever.
const MAX_DAYS_SCANNED = 3_660;
const DAY_MS = 86_400_000;

/**
 * When a first response is due: the priority's target, counted only while the brand is open
 * (its business hours, in its time zone, on days that are not holidays), starting at arrival
 * or at the next opening after it. Counts real elapsed time, so across a DST change an opening
 * window is an hour shorter or longer, as the clock on the wall says.
 */
export function computeDueAt(rules: SlaRules, priority: Priority, arrivedAt: Date): Date {
  const targetMs = rules.targetsMinutes[`P${priority}`] * 60_000;
  const hours = rules.businessHours;
  const holidays = new Set(rules.holidays);
  const arrived = arrivedAt.getTime();
  // Around the clock with no closed days: no calendar needed.
  if (hours === null && holidays.size === 0) return new Date(arrived + targetMs);

  const zone = rules.timeZone;
  const local = DateTime.fromMillis(arrived, { zone });
  if (!local.isValid) {
    throw new Error(`SLA policy time zone "${zone}" is not known to this runtime; save the policy again with an IANA zone such as "Europe/Berlin".`);
  }
  // Walk calendar days (as UTC dates, so the walk itself has no DST) from the local day of
  // arrival, and resolve each day's window in the policy's zone.
  const firstDay = Date.UTC(local.year, local.month - 1, local.day);
  let remaining = targetMs;
  for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
    const day = new Date(firstDay + i * DAY_MS);
    const window = openWindow(day, hours, holidays, zone);
    if (!window) continue;
    const start = Math.max(window.start, arrived);
    if (start >= window.end) continue;
    const available = window.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new Error(
    `SLA policy leaves too little open time: a P${priority} target of ${rules.targetsMinutes[`P${priority}`]} minutes is not reached within ${MAX_DAYS_SCANNED} days; check its business hours and holidays.`,
  );
}

/**
 * The brand's open time within [from, to): its business-hours windows on days that are not
 * holidays, in its time zone, clipped to the range, in order, as epoch milliseconds. The same
 * calendar `computeDueAt` counts deadlines in, so a response time and its deadline agree.
 */
export function openWindowsBetween(
  rules: SlaRules,
  from: Date,
  to: Date,
): { start: number; end: number }[] {
  const lo = from.getTime();
  const hi = to.getTime();
  if (!(hi > lo)) return [];
  const zone = rules.timeZone;
  const first = DateTime.fromMillis(lo, { zone });
  const last = DateTime.fromMillis(hi, { zone });
  if (!first.isValid) {
    throw new Error(
      `SLA policy time zone "${zone}" is not known to this runtime; save the policy again with an IANA zone such as "Europe/Berlin".`,
    );
  }
  const holidays = new Set(rules.holidays);
  // From the local day before (a window may run to 24:00) to the local day of `to`.
  const firstDay = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  const windows: { start: number; end: number }[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const w = openWindow(new Date(day), rules.businessHours, holidays, zone);
    if (!w) continue;
    const start = Math.max(w.start, lo);
    const end = Math.min(w.end, hi);
    if (start < end) windows.push({ start, end });
  }
  return windows;
}

/** Open time (ms) between two instants by the brand's business hours and holidays; 0 when `to` is not after `from`. */
export function businessTimeBetween(rules: SlaRules, from: Date, to: Date): number {
  return openWindowsBetween(rules, from, to).reduce((sum, w) => sum + (w.end - w.start), 0);
}

/**
 * The open windows of [from, to) with the open time before each, for SQL that measures business
 * time of many rows at once (db `BusinessCalendar`).
 */
export function businessCalendar(
  rules: SlaRules,
  from: Date,
  to: Date,
): { starts: number[]; ends: number[]; cumulative: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const cumulative: number[] = [];
  let before = 0;
  for (const w of openWindowsBetween(rules, from, to)) {
    starts.push(w.start);
    ends.push(w.end);
    cumulative.push(before);
    before += w.end - w.start;
  }
  return { starts, ends, cumulative };
}

/** The instants a calendar day (given as its UTC midnight) is open in `zone`, or undefined. */
function openWindow(
  day: Date,
  hours: BusinessHours | null,
  holidays: ReadonlySet<string>,
  zone: string,
): { start: number; end: number } | undefined {
  if (holidays.has(day.toISOString().slice(0, 10))) return undefined;
  const isoWeekday = (((day.getUTCDay() + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  const span = hours === null ? { open: '00:00', close: '24:00' } : hours[`${isoWeekday}`];
  if (!span) return undefined;
  const open = parseClockTime(span.open);
  const close = parseClockTime(span.close);
  if (open === undefined || close === undefined || open >= close) return undefined;
  return { start: localInstant(day, open, zone), end: localInstant(day, close, zone) };
}

/**
 * The instant a wall-clock time (minutes after midnight, up to 24:00) occurs on a day in a zone.
 * A time skipped by a spring-forward change is moved later by the gap (02:30 → 03:30), which is
 * when a shop that "opens at 02:30" actually opens.
 */
function localInstant(day: Date, minutes: number, zone: string): number {
  const at = new Date(day.getTime() + Math.floor(minutes / 1440) * DAY_MS);
  const rest = minutes % 1440;
  return DateTime.fromObject(
    { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: Math.floor(rest / 60), minute: rest % 60 },
    { zone },
  ).toMillis();
}
