import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface PruneCount {
  mentions: number;
  replies: number;
  corrections: number;
  oldest: Date | null;
}

/**
 * How many mentions were posted before `before`, with their replies and corrections: what
 * `earshot prune` would archive and delete. Counted per brand on `mentions_brand_posted_idx`
 * (brand_id, posted_at), an index-only range per brand, never a scan of the whole table; the
 * replies and corrections by their mention through `replies_mention_idx` and
 * `corrections_mention_field_idx`.
 */
export async function countMentionsBefore(db: Database, before: Date): Promise<PruneCount> {
  const { rows } = await sql<{ mentions: string; replies: string; corrections: string; oldest: Date | null }>`
    select coalesce(sum(m.n), 0)::text as mentions, coalesce(sum(m.replies), 0)::text as replies,
      coalesce(sum(m.corrections), 0)::text as corrections, min(m.oldest) as oldest
    from brands b
    cross join lateral (
      select count(*) as n, min(x.posted_at) as oldest,
        sum((select count(*) from replies r where r.mention_id = x.id)) as replies,
        sum((select count(*) from corrections c where c.mention_id = x.id)) as corrections
      from mentions x where x.brand_id = b.id and x.posted_at < ${before}
    ) m
  `.execute(db);
  const r = rows[0]!;
  return { mentions: Number(r.mentions), replies: Number(r.replies), corrections: Number(r.corrections), oldest: r.oldest };
}
