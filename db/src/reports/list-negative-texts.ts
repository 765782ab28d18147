import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Texts of the brand's negative mentions in [start, end), for the report's rising phrases, and
 * how many negative mentions there are (`total`). With more than `limit`, a deterministic sample
 * of about `limit` (by a hash of the id, so a report generated twice reads the same); the caller
 * scales counts by `total / texts.length`. Served by `mentions_brand_posted_idx`.
 */
export async function listNegativeTexts(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date; limit: number },
): Promise<{ texts: string[]; total: number }> {
  // Keep a mention when the low 16 bits of its id's hash fall under the sampled share.
  const result = await sql<{ text: string | null; total: number }>`
    with neg as (
      select id, text from mentions
      where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end} and sentiment = 'negative'
    ),
    n as (select count(*)::int as total from neg)
    select neg.text, n.total
    from n left join neg on (hashtext(neg.id::text) & 65535) < least(65536, ceil(${q.limit}::float8 / greatest(n.total, 1) * 65536))
  `.execute(db);
  const total = result.rows[0]?.total ?? 0;
  return { texts: result.rows.flatMap((r) => (r.text === null ? [] : [r.text])), total };
}
