import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Texts of the brand's negative mentions in [start, end), for the report's rising phrases. With
 * more than `limit` of them (`total`, known from the counts), a deterministic sample of about
 * `limit` (by a hash of the id, so a report generated twice reads the same); the caller scales
 * by `total / texts.length`. Served by `mentions_brand_posted_idx`.
 */
export async function listNegativeTexts(
  db: Kysely<DB>,
  q: { brandId: string; start: Date; end: Date; total: number; limit: number },
): Promise<string[]> {
  if (q.total === 0) return [];
  // Keep a mention when the low 16 bits of its id's hash fall under the sampled share.
  const threshold = Math.min(65_536, Math.ceil((q.limit / q.total) * 65_536));
  const result = await sql<{ text: string }>`
    select text from mentions
    where brand_id = ${q.brandId} and posted_at >= ${q.start} and posted_at < ${q.end} and sentiment = 'negative'
      and (hashtext(id::text) & 65535) < ${threshold}
  `.execute(db);
  return result.rows.map((r) => r.text);
}
