import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { RollupCounts } from '../schema.ts';
import { COUNT_COLUMN_LIST, SUM_COUNTS_AS } from './rollup-sql.ts';
import type { Database } from '../client.ts';

export type RollupTotalsGroup = 'day' | 'platform' | 'stream';

export interface RollupTotalsOptions {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  groupBy: RollupTotalsGroup;
  /** IANA zone whose calendar days `day` groups by (the brand's, from its SLA policy). Default UTC. */
  timeZone?: string | undefined;
  streamId?: string | null | undefined;
  platform?: string | undefined;
}

export interface RollupTotal extends RollupCounts {
  /** `YYYY-MM-DD` (a local date) for `day`, the platform for `platform`, the stream id (null = none) for `stream`. */
  key: string | null;
}

const HOUR_MS = 3_600_000;

/**
 * A brand's mention counts over [from, to), grouped by local day, platform or stream; only
 * groups with mentions, ordered by key. Whole UTC hours inside the range are read from
 * `rollup_hours` and the ragged edges (a local midnight in a :30 / :45 zone, or any instant
 * not on the hour) from `rollup_minutes`, so range totals are exact to the minute.
 * Days are derived here, from hours, in the given time zone (hours are UTC, so they follow
 * any DST change); in zones with a :30 / :45 offset an hour that straddles local midnight
 * counts wholly in the day it starts in, so day figures there are shifted by that part-hour
 * (sums over the range stay exact). Throws BAD_REQUEST for an unknown time zone.
 * Served by `rollup_hours_key` and `rollup_minutes_key` (brand_id, bucket, …): range scans.
 */
export async function findRollupTotals(db: Database, brandId: string, options: RollupTotalsOptions): Promise<RollupTotal[]> {
  const timeZone = options.timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new AppError('BAD_REQUEST', `Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin.`);
  }
  const from = options.from.getTime();
  const to = options.to.getTime();
  if (!(from < to)) return [];
  const hoursFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const hoursTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  const filters = sql`${options.streamId === undefined ? sql`` : sql`and stream_id is not distinct from ${options.streamId}::uuid`} ${
    options.platform === undefined ? sql`` : sql`and platform = ${options.platform}`
  }`;
  const rows = (table: 'rollup_hours' | 'rollup_minutes', a: number, b: number) => sql`
    select bucket, stream_id, platform, ${COUNT_COLUMN_LIST} from ${sql.table(table)}
    where brand_id = ${brandId} and bucket >= ${new Date(a)} and bucket < ${new Date(b)} ${filters}`;
  const parts =
    hoursFrom < hoursTo
      ? [rows('rollup_minutes', from, hoursFrom), rows('rollup_hours', hoursFrom, hoursTo), rows('rollup_minutes', hoursTo, to)]
      : [rows('rollup_minutes', from, to)];
  const key =
    options.groupBy === 'day'
      ? sql`to_char(bucket at time zone ${timeZone}, 'YYYY-MM-DD')`
      : options.groupBy === 'platform'
        ? sql`platform`
        : sql`stream_id::text`;
  const { rows: totals } = await sql<RollupTotal>`
    select ${key} as key, ${SUM_COUNTS_AS}
    from (${sql.join(parts, sql` union all `)}) as counted
    group by 1
    order by 1 nulls first`.execute(db);
  return totals;
}
