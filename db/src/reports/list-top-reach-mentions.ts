import { sql, type Kysely } from 'kysely';
import type { DB, Sentiment } from '../schema.ts';
import type { ReportMentionExample } from './list-topic-examples.ts';

/**
 * The `limit` mentions of one sentiment in [start, end) whose authors have the most followers
 * (unknown follower counts left out). Served by `mentions_brand_posted_idx` and a top-N sort.
 */
export async function listTopReachMentions(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date; sentiment: Sentiment; limit: number },
): Promise<ReportMentionExample[]> {
  const result = await sql<ReportMentionExample>`
    select id, topic, platform, text, author_handle as "authorHandle", author_followers as "authorFollowers", url, posted_at as "postedAt"
    from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end}
      and sentiment = ${q.sentiment} and author_followers is not null
    order by author_followers desc, posted_at, id
    limit ${q.limit}
  `.execute(db);
  return result.rows;
}
