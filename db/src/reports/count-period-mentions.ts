import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** A period's mention counts for the headline's comparison. */
export interface PeriodCounts {
  mentions: number;
  negative: number;
  positive: number;
  complaints: number;
}

/** How many mentions the brand had in [start, end), negative, positive and complaints. Served by `mentions_brand_posted_idx`. */
export async function countPeriodMentions(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date },
): Promise<PeriodCounts> {
  const result = await sql<PeriodCounts>`
    select count(*)::int as mentions,
      count(*) filter (where sentiment = 'negative')::int as negative,
      count(*) filter (where sentiment = 'positive')::int as positive,
      count(*) filter (where intent = 'complaint')::int as complaints
    from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end}
  `.execute(db);
  return result.rows[0]!;
}
