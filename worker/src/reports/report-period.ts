import { DateTime } from 'luxon';
import { AppError } from '@earshot/db';

/** A report's period: local calendar days in the brand's time zone and the instants they span. */
export interface ReportPeriod {
  kind: 'week' | 'range';
  /** "2026-W43", or "2026-10-01..2026-10-31". */
  label: string;
  timeZone: string;
  /** First and last local day, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** Local midnight at the start of `from` and after `to`, as ISO instants (end exclusive). */
  start: string;
  end: string;
  /** Every local day of the period. */
  days: string[];
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** The ISO week ("2026-W47") in `timeZone`: Monday 00:00 to the next Monday 00:00, local. */
export function weekPeriod(week: string, timeZone: string): ReportPeriod {
  const match = WEEK.exec(week);
  if (!match)
    throw new AppError('BAD_REQUEST', `Week "${week}" is not an ISO week; write it as 2026-W47.`);
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timeZone });
  if (!monday.isValid || weekNumber < 1 || weekNumber > monday.weeksInWeekYear) {
    throw new AppError(
      'BAD_REQUEST',
      `Week "${week}" does not exist: ${weekYear} has weeks 01 to ${DateTime.fromObject({ weekYear, weekNumber: 1 }, { zone: 'UTC' }).weeksInWeekYear}.`,
    );
  }
  return build('week', week, monday, monday.plus({ days: 6 }), timeZone);
}

/** Local days `from` to `to` inclusive (YYYY-MM-DD) in `timeZone`. */
export function rangePeriod(from: string, to: string, timeZone: string): ReportPeriod {
  const first = parseDay(from, timeZone, '--from');
  const last = parseDay(to, timeZone, '--to');
  if (last < first)
    throw new AppError(
      'BAD_REQUEST',
      `The range ends (${to}) before it starts (${from}); give --from the earlier date.`,
    );
  const days = Math.round(last.diff(first, 'days').days) + 1;
  if (days > MAX_DAYS)
    throw new AppError(
      'BAD_REQUEST',
      `The range has ${days} days; a report covers at most ${MAX_DAYS}.`,
    );
  return build('range', `${from}..${to}`, first, last, timeZone);
}

/** The period just before: the previous ISO week, or as many days before a range. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const first = DateTime.fromISO(period.from, { zone: period.timeZone });
  if (period.kind === 'week') {
    const monday = first.minus({ weeks: 1 });
    return build(
      'week',
      monday.toFormat("kkkk-'W'WW"),
      monday,
      monday.plus({ days: 6 }),
      period.timeZone,
    );
  }
  const n = period.days.length;
  const before = first.minus({ days: n });
  const last = first.minus({ days: 1 });
  return build(
    'range',
    `${before.toISODate()}..${last.toISODate()}`,
    before,
    last,
    period.timeZone,
  );
}

/** The ISO week label of the local day containing `at`, e.g. for "last week" from a Monday. */
export function isoWeekOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("kkkk-'W'WW");
}

function parseDay(value: string, timeZone: string, name: string): DateTime {
  const day = DATE.test(value) ? DateTime.fromISO(value, { zone: timeZone }) : undefined;
  if (!day?.isValid)
    throw new AppError('BAD_REQUEST', `${name} "${value}" is not a date; write it as YYYY-MM-DD.`);
  return day.startOf('day');
}

function build(
  kind: ReportPeriod['kind'],
  label: string,
  first: DateTime,
  last: DateTime,
  timeZone: string,
): ReportPeriod {
  const days: string[] = [];
  for (let d = first.startOf('day'); d <= last; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return {
    kind,
    label,
    timeZone,
    from: first.toISODate()!,
    to: last.toISODate()!,
    start: first.startOf('day').toUTC().toISO()!,
    end: last.plus({ days: 1 }).startOf('day').toUTC().toISO()!,
    days,
  };
}
