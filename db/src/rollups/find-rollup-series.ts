import { sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { RollupCounts } from '../schema.ts';
import { ROLLUP_COUNT_COLUMNS, rollupTableOf, SUM_COUNTS_AS, type RollupGrain } from './rollup-sql.ts';
import type { Database } from '../client.ts';

export interface RollupSeriesOptions {
  step: RollupGrain;
  /** Inclusive; floored to the step. */
  from: Date;
  /** Exclusive: the last point is the last bucket that starts before it. */
  to: Date;
  /** Only this stream; `null` = mentions collected without a stream. Omitted = all. */
  streamId?: string | null | undefined;
  /** Only this platform. Omitted = all. */
  platform?: string | undefined;
}

export interface RollupPoint extends RollupCounts {
  /** Start of the UTC minute or hour. */
  bucket: Date;
}

/** Most points one call returns: a week of minutes is 10,080; longer ranges want hours. */
export const MAX_SERIES_POINTS = 50_000;

const STEP_MS: Record<RollupGrain, number> = { minute: 60_000, hour: 3_600_000 };

/**
 * A brand's mention counts per minute or hour between two instants, summed over streams and
 * platforms unless filtered: one point per step, in order, gaps filled with zeros (a dense
 * series, as a chart or a detector wants it). Throws BAD_REQUEST beyond MAX_SERIES_POINTS.
 * Served by `rollup_minutes_key` / `rollup_hours_key` (brand_id, bucket, …): one range scan.
 */
export async function findRollupSeries(db: Database, brandId: string, options: RollupSeriesOptions): Promise<RollupPoint[]> {
  const ms = STEP_MS[options.step];
  const first = Math.floor(options.from.getTime() / ms) * ms;
  const last = Math.ceil(options.to.getTime() / ms) * ms - ms;
  if (last < first) return [];
  const points = (last - first) / ms + 1;
  if (points > MAX_SERIES_POINTS) {
    throw new AppError('BAD_REQUEST', `That range has ${points} ${options.step}s; ask for at most ${MAX_SERIES_POINTS} points (use hours for long ranges).`);
  }
  const streamFilter = options.streamId === undefined ? sql`` : sql`and stream_id is not distinct from ${options.streamId}::uuid`;
  const platformFilter = options.platform === undefined ? sql`` : sql`and platform = ${options.platform}`;
  const zeroFilled = sql.raw(ROLLUP_COUNT_COLUMNS.map((c) => `coalesce(r.${c}, 0)::int as ${c}`).join(', '));
  const { rows } = await sql<RollupPoint>`
    with r as (
      select bucket, ${SUM_COUNTS_AS}
      from ${sql.table(rollupTableOf(options.step))}
      where brand_id = ${brandId} and bucket >= ${new Date(first)} and bucket <= ${new Date(last)}
        ${streamFilter} ${platformFilter}
      group by bucket
    )
    select s.bucket, ${zeroFilled}
    from generate_series(${new Date(first)}::timestamptz, ${new Date(last)}::timestamptz, ${`1 ${options.step}`}::interval) as s (bucket)
    left join r on r.bucket = s.bucket
    order by s.bucket`.execute(db);
  return rows;
}
