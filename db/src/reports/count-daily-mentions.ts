import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** One local calendar day's mentions by sentiment. */
export interface DailyCounts {
  /** Index into the `dayStarts` asked for. */
  day: number;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

/**
 * The brand's mentions per day of a period, by sentiment: days are given as their starting
 * instants (local midnights, worked out by the caller in the brand's time zone, so a 23- or
 * 25-hour day is right), the last day ends at `end`. Days without mentions are absent.
 * The single source of the report's daily trend: it reads `mentions` (`mentions_brand_posted_idx`)
 * today, and is the one place to change to read hour rollups.
 */
export async function countDailyMentions(
  db: Kysely<DB>,
  q: { brandId: string; dayStarts: Date[]; end: Date },
): Promise<DailyCounts[]> {
  if (q.dayStarts.length === 0) return [];
  const starts = q.dayStarts.map((d) => d.getTime());
  // width_bucket: a binary search over the day starts, instead of a time-zone conversion per row.
  const result = await sql<DailyCounts>`
    select width_bucket(date_part('epoch', posted_at) * 1000, ${starts}::float8[]) - 1 as day,
      count(*)::int as total,
      count(*) filter (where sentiment = 'negative')::int as negative,
      count(*) filter (where sentiment = 'neutral')::int as neutral,
      count(*) filter (where sentiment = 'positive')::int as positive
    from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.dayStarts[0]!} and posted_at < ${q.end}
    group by 1 order by 1
  `.execute(db);
  return result.rows;
}
