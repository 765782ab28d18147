import type { Kysely } from 'kysely';
import type { BrandModel, DB } from '../schema.ts';

/** A brand's stored model, if it has one. */
export async function findBrandModel(db: Kysely<DB>, brandId: string): Promise<BrandModel | undefined> {
  return db.selectFrom('brand_models').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
}

/** Every stored brand model's summary (no overlay): for status pages. */
export async function listBrandModelSummaries(db: Kysely<DB>): Promise<Omit<BrandModel, 'overlay'>[]> {
  return db
    .selectFrom('brand_models')
    .select(['brand_id', 'base_model', 'labels', 'confirmations', 'evaluation', 'labels_until', 'trained_at'])
    .orderBy('brand_id')
    .execute();
}
