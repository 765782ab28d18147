import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { RollupCounts } from '../schema.ts';
import { SUM_COUNTS_AS } from './rollup-sql.ts';

export interface BrandHourCounts extends RollupCounts {
  brand_id: string;
  /** Start of the UTC hour. */
  bucket: Date;
}

/**
 * The listed brands' mention counts in the listed UTC hours, summed over streams and
 * platforms, in one query: what the spike detector reads to rebuild brands' profiles (the
 * same hours of past weeks and the last days, a few hundred hours a brand). Sparse: a missing
 * (brand, hour) is zero. Served by `rollup_hours_key` (brand_id, bucket, …).
 */
export async function listBrandHourCounts(
  db: Database,
  brandIds: readonly string[],
  hours: readonly Date[],
): Promise<BrandHourCounts[]> {
  if (brandIds.length === 0 || hours.length === 0) return [];
  const { rows } = await sql<BrandHourCounts>`
    select brand_id, bucket, ${SUM_COUNTS_AS}
    from rollup_hours
    where brand_id = any(${[...brandIds]}::uuid[]) and bucket = any(${[...hours]}::timestamptz[])
    group by brand_id, bucket`.execute(db);
  return rows;
}
