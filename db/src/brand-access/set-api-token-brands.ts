import type { Database, DatabaseTransaction } from '../client.ts';

/** Stores an API token's brand limit (set once, when it is created); an empty list means every brand its user sees. Insert only. */
export async function setApiTokenBrands(db: Database | DatabaseTransaction, tokenId: string, brandIds: readonly string[]): Promise<void> {
  if (brandIds.length === 0) return;
  await db.insertInto('api_token_brands').values([...new Set(brandIds)].map((brand_id) => ({ token_id: tokenId, brand_id }))).execute();
}
