import type { BrandModel } from '../schema.ts';
import type { Database } from '../client.ts';

/** A brand's stored model, if it has one. `brand_models_pkey` (brand_id). */
export async function findBrandModel(db: Database, brandId: string): Promise<BrandModel | undefined> {
  return db.selectFrom('brand_models').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
}
