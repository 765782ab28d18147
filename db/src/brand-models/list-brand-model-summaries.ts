import type { BrandModel } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every stored brand model's summary (no overlay): for status pages. Full scan, bounded by the number of brands (one row each). */
export async function listBrandModelSummaries(db: Database): Promise<Omit<BrandModel, 'overlay'>[]> {
  return db
    .selectFrom('brand_models')
    .select(['brand_id', 'base_model', 'labels', 'confirmations', 'evaluation', 'labels_until', 'trained_at'])
    .orderBy('brand_id')
    .execute();
}
