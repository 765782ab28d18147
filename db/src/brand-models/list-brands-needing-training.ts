import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface BrandNeedingTraining {
  brandId: string;
  /** The brand's newest sentiment or intent correction. */
  latestCorrectionAt: Date;
}

/**
 * Brands with sentiment or intent corrections their brand model has not learnt: no model
 * yet, a model trained on another shared model than `baseModel`, or corrections newer than
 * the ones it learnt from. Full scan of corrections grouped by brand (bounded by the agents'
 * sentiment and intent corrections), joined to `brand_models_pkey`; run by the training job only.
 */
export async function listBrandsNeedingTraining(db: Database, baseModel: string): Promise<BrandNeedingTraining[]> {
  const { rows } = await sql<{ brand_id: string; latest: Date }>`
    select c.brand_id, max(c.created_at) as latest
    from corrections c
    left join brand_models bm on bm.brand_id = c.brand_id
    where c.field in ('sentiment', 'intent')
    group by c.brand_id, bm.base_model, bm.labels_until
    having bm.base_model is null
      or bm.base_model <> ${baseModel}
      -- labels_until was written from a JavaScript Date: compare at its millisecond precision.
      or date_trunc('milliseconds', max(c.created_at)) > coalesce(bm.labels_until, '-infinity')
    order by c.brand_id`.execute(db);
  return rows.map((r) => ({ brandId: r.brand_id, latestCorrectionAt: r.latest }));
}
