import { sql } from 'kysely';
import type { RollupCounts } from '../schema.ts';
import { SUM_COUNTS_AS } from './rollup-sql.ts';
import type { Database } from '../client.ts';

export interface BrandMinuteCounts extends RollupCounts {
  brand_id: string;
  /** Start of the UTC minute. */
  bucket: Date;
}

/**
 * Every brand's mention counts per minute in [from, to), summed over streams and platforms, in
 * one query: what the detector's per-minute tick reads for all brands at once. Sparse: only
 * (brand, minute) pairs with mentions; a missing pair is zero. Ordered by brand, then minute.
 * Served by `rollup_minutes_bucket_idx` (bucket).
 */
export async function listBrandMinuteCounts(db: Database, from: Date, to: Date): Promise<BrandMinuteCounts[]> {
  const { rows } = await sql<BrandMinuteCounts>`
    select brand_id, bucket, ${SUM_COUNTS_AS}
    from rollup_minutes
    where bucket >= ${from} and bucket < ${to}
    group by brand_id, bucket
    order by brand_id, bucket`.execute(db);
  return rows;
}
