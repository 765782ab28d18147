import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * The earliest and latest instants a brand has anything to count or anything counted: over its
 * mentions' `posted_at` and its minute rollups' buckets (a full rebuild must also clear rows
 * that no mention backs any more). Undefined when it has neither.
 * Served by `mentions_brand_posted_idx` and `rollup_minutes_key` (min/max of an index prefix).
 */
export async function findRollupSpan(db: Database, brandId: string): Promise<{ first: Date; last: Date } | undefined> {
  const { rows } = await sql<{ first: Date | null; last: Date | null }>`
    select least(
             (select min(posted_at) from mentions where brand_id = ${brandId}),
             (select min(bucket) from rollup_minutes where brand_id = ${brandId})) as first,
           greatest(
             (select max(posted_at) from mentions where brand_id = ${brandId}),
             (select max(bucket) from rollup_minutes where brand_id = ${brandId})) as last`.execute(db);
  const row = rows[0];
  return row?.first && row.last ? { first: row.first, last: row.last } : undefined;
}
