import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { Intent, Sentiment } from '../schema.ts';

/** Which mentions a spike rule's metric counts: negative ones, complaints, or all. */
export interface SpikeMentionMatch {
  sentiment?: Sentiment;
  intent?: Intent;
}

export interface SpikeMentionRow {
  id: string;
  author_handle: string;
  author_followers: number | null;
  text: string;
  platform: string;
  url: string | null;
  posted_at: Date;
}

/** The SQL condition for a spike metric over `mentions` (unaliased). */
export function spikeMatchCondition(match: SpikeMentionMatch) {
  const parts = [sql`true`];
  if (match.sentiment !== undefined) parts.push(sql`sentiment = ${match.sentiment}`);
  if (match.intent !== undefined) parts.push(sql`intent = ${match.intent}`);
  return sql.join(parts, sql` and `);
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
