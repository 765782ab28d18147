import { brandScopeOf, intersectBrandScopes, type BrandScope } from './brand-scope.ts';
import type { Database } from '../client.ts';

/**
 * The brands a user (and, when the request came with one, their API token) may see: the
 * intersection of both limits, where no limit means every brand. Primary keys of user_brands
 * and api_token_brands (user_id / token_id first).
 */
export async function findBrandScope(db: Database, userId: string, tokenId?: string): Promise<BrandScope> {
  const userBrands = await db.selectFrom('user_brands').select('brand_id').where('user_id', '=', userId).execute();
  const userScope = brandScopeOf(userBrands.map((r) => r.brand_id));
  if (tokenId === undefined) return userScope;
  const tokenBrands = await db.selectFrom('api_token_brands').select('brand_id').where('token_id', '=', tokenId).execute();
  return intersectBrandScopes(userScope, brandScopeOf(tokenBrands.map((r) => r.brand_id)));
}
