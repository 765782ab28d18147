import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface ReportMentionExample {
  id: string;
  topic: string | null;
  platform: string;
  text: string;
  authorHandle: string;
  authorFollowers: number | null;
  url: string | null;
  postedAt: Date;
}

/**
 * The `perTopic` latest complaints of each topic in [start, end). Served by
 * `mentions_brand_complaints_idx`, then one heap fetch per complaint of the period.
 */
export async function listTopicExamples(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date; perTopic: number },
): Promise<ReportMentionExample[]> {
  const result = await sql<ReportMentionExample>`
    select id, topic, platform, text, "authorHandle", "authorFollowers", url, "postedAt" from (
      select id, topic, platform, text, author_handle as "authorHandle", author_followers as "authorFollowers", url,
        posted_at as "postedAt", row_number() over (partition by topic order by posted_at desc, id) as n
      from mentions
      where brand_id = ${q.brandId} and intent = 'complaint' and posted_at >= ${q.start} and posted_at < ${q.end}
    ) ranked
    where n <= ${q.perTopic}
    order by topic nulls last, "postedAt" desc, id
  `.execute(db);
  return result.rows;
}
