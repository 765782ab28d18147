import { sql } from 'kysely';
import type { Database } from '../client.ts';
import { spikeMatchCondition, type SpikeMentionMatch } from './spike-match-condition.ts';

export type { SpikeMentionMatch };

export interface SpikeMentionRow {
  id: string;
  author_handle: string;
  author_followers: number | null;
  text: string;
  platform: string;
  url: string | null;
  posted_at: Date;
}

/**
 * A brand's mentions posted in [from, before) that match a spike metric, newest first, at most
 * `limit`: the mentions behind a spike alert's window. Served by `mentions_brand_posted_idx`
 * (brand_id, posted_at) — complaints by `mentions_brand_complaints_idx`, its partial twin — the
 * metric's label being a filter on a window of minutes.
 */
export async function listSpikeWindowMentions(
  db: Database,
  q: { brandId: string; from: Date; before: Date; match: SpikeMentionMatch; limit: number },
): Promise<SpikeMentionRow[]> {
  const rows = await sql<SpikeMentionRow>`
    select id, author_handle, author_followers, text, platform, url, posted_at
    from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.from} and posted_at < ${q.before}
      and ${spikeMatchCondition(q.match)}
    order by posted_at desc
    limit ${q.limit}`.execute(db);
  return rows.rows;
}
