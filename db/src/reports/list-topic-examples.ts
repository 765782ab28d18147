import { sql } from 'kysely';
import type { Database } from '../client.ts';

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
 * The `perTopic` latest complaints of each of `topics` (null: complaints without a topic) in
 * [start, end). One backward walk of `mentions_brand_complaints_idx` per topic, stopping at
 * `perTopic` hits, instead of ranking every complaint of the period.
 */
export async function listTopicExamples(
  db: Database,
  q: { brandId: string; start: Date; end: Date; topics: (string | null)[]; perTopic: number },
): Promise<ReportMentionExample[]> {
  if (q.topics.length === 0) return [];
  const result = await sql<ReportMentionExample>`
    select m.id, t.topic, m.platform, m.text, m.author_handle as "authorHandle", m.author_followers as "authorFollowers", m.url, m.posted_at as "postedAt"
    from unnest(${q.topics}::text[]) with ordinality as t(topic, n)
    cross join lateral (
      select * from mentions
      where brand_id = ${q.brandId} and intent = 'complaint' and posted_at >= ${q.start} and posted_at < ${q.end}
        and topic is not distinct from t.topic
      order by posted_at desc, id
      limit ${q.perTopic}
    ) m
    order by t.n, m.posted_at desc, m.id
  `.execute(db);
  return result.rows;
}
