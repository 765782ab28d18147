import { sql } from 'kysely';
import type { Database } from '../client.ts';
import { spikeMatchCondition, type SpikeMentionMatch } from './spike-match-condition.ts';

/**
 * The texts of a bounded sample of a brand's mentions matching a spike metric over the `days`
 * days before `before`: the newest `perDay` of each day (so a busy yesterday does not crowd out
 * the rest of the week, and the sample spans the weekly rhythm). At most days × perDay rows.
 * Each day is one range scan of `mentions_brand_posted_idx` (brand_id, posted_at), newest first.
 */
export async function sampleBrandMentionTexts(
  db: Database,
  q: { brandId: string; before: Date; days: number; perDay: number; match: SpikeMentionMatch },
): Promise<string[]> {
  const rows = await sql<{ text: string }>`
    select m.text
    from generate_series(0, ${q.days - 1}) as d(n)
    cross join lateral (
      select text from mentions
      where brand_id = ${q.brandId}
        and posted_at >= ${q.before}::timestamptz - (d.n + 1) * interval '1 day'
        and posted_at < ${q.before}::timestamptz - d.n * interval '1 day'
        and ${spikeMatchCondition(q.match)}
      order by posted_at desc
      limit ${q.perDay}
    ) m`.execute(db);
  return rows.rows.map((r) => r.text);
}
