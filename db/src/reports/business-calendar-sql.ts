import { sql, type RawBuilder } from 'kysely';

/**
 * A brand's open time between two instants as sorted, disjoint windows (epoch ms), with the open
 * time before each window (`cumulative`). Built by worker/src/sla `businessCalendar`; the SQL
 * below turns it into "open milliseconds since the first window" for any instant, so business
 * time between two instants is one subtraction per row, found by binary search (width_bucket).
 */
export interface BusinessCalendar {
  starts: number[];
  ends: number[];
  cumulative: number[];
}

/** `select … from cal` parameters: one row of three float8 arrays. */
export function calendarRow(calendar: BusinessCalendar): RawBuilder<unknown> {
  // width_bucket needs at least one threshold: an empty calendar is one zero-length window.
  const c = calendar.starts.length > 0 ? calendar : { starts: [0], ends: [0], cumulative: [0] };
  return sql`select ${c.starts}::float8[] as s, ${c.ends}::float8[] as e, ${c.cumulative}::float8[] as c`;
}

/**
 * Open milliseconds before `instant` (an SQL timestamptz expression), given a `cal` row in scope.
 * Before the first window it is 0 (array index 0 is null).
 */
export function openMsBefore(instant: RawBuilder<unknown>): RawBuilder<number> {
  const ms = sql`(extract(epoch from ${instant}) * 1000)::float8`;
  const i = sql`width_bucket(${ms}, cal.s)`;
  return sql<number>`coalesce(cal.c[${i}] + greatest(0, least(${ms}, cal.e[${i}]) - cal.s[${i}]), 0)`;
}
