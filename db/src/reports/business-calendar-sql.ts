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

/**
 * Open milliseconds before `instant` (an SQL timestamptz expression); 0 before the first window
 * (array index 0 is null). The arrays go in as bound parameters: read from a joined row instead,
 * PostgreSQL re-reads the array on every call and a million rows take seconds, not 150 ms.
 */
export function openMsBefore(
  instant: RawBuilder<unknown>,
  calendar: BusinessCalendar,
): RawBuilder<number> {
  // width_bucket needs at least one threshold: an empty calendar is one zero-length window.
  const c = calendar.starts.length > 0 ? calendar : { starts: [0], ends: [0], cumulative: [0] };
  const ms = sql`(date_part('epoch', ${instant}) * 1000)`;
  const i = sql`width_bucket(${ms}, ${c.starts}::float8[])`;
  return sql<number>`coalesce((${c.cumulative}::float8[])[${i}] + greatest(0, least(${ms}, (${c.ends}::float8[])[${i}]) - (${c.starts}::float8[])[${i}]), 0)`;
}
