import { sql } from 'kysely';
import type { Sentiment } from '../schema.ts';
import type { ReportMentionExample } from './list-topic-examples.ts';
import type { Database } from '../client.ts';

type Reach = Record<'positive' | 'negative', ReportMentionExample[]>;

// One top-N scan usually holds each sentiment's top `limit`; if not, one scan per sentiment.
const FIRST_PASS = 200;

/**
 * The `limit` positive and the `limit` negative mentions in [start, end) whose authors have the
 * most followers (unknown follower counts left out). One scan of the period
 * (`mentions_brand_posted_idx`) keeping the top 200 of both; a sentiment short of `limit` there
 * is looked up on its own.
 */
export async function listTopReachMentions(db: Database, q: { brandId: string; start: Date; end: Date; limit: number }): Promise<Reach> {
  const top = (sentiments: Sentiment[], n: number) =>
    sql<ReportMentionExample & { sentiment: Sentiment }>`
      select id, topic, platform, text, author_handle as "authorHandle", author_followers as "authorFollowers", url,
        posted_at as "postedAt", sentiment
      from mentions
      where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end}
        and sentiment in (${sql.join(sentiments)}) and author_followers is not null
      order by author_followers desc, posted_at, id
      limit ${n}
    `.execute(db);
  const first = (await top(['positive', 'negative'], FIRST_PASS)).rows;
  const out = {} as Reach;
  for (const s of ['positive', 'negative'] as const) {
    const rows = first.filter((r) => r.sentiment === s);
    // Fewer than asked and the scan was cut short: this sentiment may have more further down.
    const complete = rows.length >= q.limit || first.length < FIRST_PASS;
    const chosen = complete ? rows.slice(0, q.limit) : (await top([s], q.limit)).rows;
    out[s] = chosen.map(({ sentiment: _s, ...m }) => m);
  }
  return out;
}
