import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** One local calendar day's mentions by sentiment. */
export interface DailyCounts {
  /** YYYY-MM-DD in the report's time zone. */
  day: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

/**
 * The brand's mentions per local day (in `timeZone`) of [start, end), by sentiment; days without
 * mentions are absent. The single source of the report's daily trend: it reads `mentions`
 * (`mentions_brand_posted_idx`) today, and is the one place to change to read hour rollups.
 */
export async function countDailyMentions(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date; timeZone: string },
): Promise<DailyCounts[]> {
  const result = await sql<DailyCounts>`
    select to_char((posted_at at time zone ${q.timeZone})::date, 'YYYY-MM-DD') as day,
      count(*)::int as total,
      count(*) filter (where sentiment = 'negative')::int as negative,
      count(*) filter (where sentiment = 'neutral')::int as neutral,
      count(*) filter (where sentiment = 'positive')::int as positive
    from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end}
    group by 1 order by 1
  `.execute(db);
  return result.rows;
}
