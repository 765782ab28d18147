import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface BrandMinuteSeries {
  brand_id: string;
  /** Minutes since the epoch (UTC) that had mentions, ascending; the counts below line up with them. */
  minutes: number[];
  negative: number[];
  complaint: number[];
  total: number[];
}

/**
 * Every brand's negative, complaint and total counts per minute in [from, to), summed over
 * streams and platforms, as one row per brand with arrays: the spike detector's per-minute
 * read of all brands in one query (one row a brand instead of one a minute keeps a 10,000-brand
 * tick's transfer and parsing small). Sparse: a missing minute is zero. Served by
 * `rollup_minutes_bucket_idx` (bucket).
 */
export async function listBrandMinuteSeries(
  db: Database,
  from: Date,
  to: Date,
): Promise<BrandMinuteSeries[]> {
  const { rows } = await sql<BrandMinuteSeries>`
    select brand_id,
      array_agg(minute order by minute) as minutes,
      array_agg(negative order by minute) as negative,
      array_agg(complaint order by minute) as complaint,
      array_agg(total order by minute) as total
    from (
      select brand_id, (extract(epoch from bucket) / 60)::int as minute,
        sum(negative)::int as negative, sum(complaint)::int as complaint, sum(total)::int as total
      from rollup_minutes
      where bucket >= ${from} and bucket < ${to}
      group by brand_id, bucket
    ) m
    group by brand_id`.execute(db);
  return rows;
}
