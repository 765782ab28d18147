import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Authors with more than one complaint in [start, end), most complaints first (then by handle),
 * at most `limit`, and how many such authors there are in all. Served by
 * `mentions_brand_complaints_idx` (an index-only scan: it includes author_handle).
 */
export async function listRepeatComplainers(
  db: Database,
  q: { brandId: string; start: Date; end: Date; limit: number },
): Promise<{ authors: { authorHandle: string; complaints: number }[]; total: number }> {
  const result = await sql<{ authorHandle: string; complaints: number; total: number }>`
    select author_handle as "authorHandle", count(*)::int as complaints, (count(*) over ())::int as total
    from mentions
    where brand_id = ${q.brandId} and intent = 'complaint' and posted_at >= ${q.start} and posted_at < ${q.end}
    group by author_handle
    having count(*) > 1
    order by complaints desc, author_handle
    limit ${q.limit}
  `.execute(db);
  return {
    authors: result.rows.map(({ authorHandle, complaints }) => ({ authorHandle, complaints })),
    total: result.rows[0]?.total ?? 0,
  };
}
