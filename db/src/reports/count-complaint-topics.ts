import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface TopicCounts {
  /** The complaint topic; null for complaints the analysis gave none. */
  topic: string | null;
  current: number;
  previous: number;
}

/**
 * Complaints per topic in the period [start, end) and in the previous one [previousStart, start),
 * every topic seen in either, most complaints first. Served by `mentions_brand_complaints_idx`.
 */
export async function countComplaintTopics(
  db: Database,
  q: { brandId: string; previousStart: Date; start: Date; end: Date },
): Promise<TopicCounts[]> {
  const result = await sql<TopicCounts>`
    select topic,
      count(*) filter (where posted_at >= ${q.start})::int as current,
      count(*) filter (where posted_at < ${q.start})::int as previous
    from mentions
    where brand_id = ${q.brandId} and intent = 'complaint' and posted_at >= ${q.previousStart} and posted_at < ${q.end}
    group by topic
    order by current desc, previous desc, topic nulls last
  `.execute(db);
  return result.rows;
}
