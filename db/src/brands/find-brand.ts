import type { Kysely } from 'kysely';
import type { Brand, DB } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** The brand with this id, or undefined (also when it is outside `scope`). Primary key lookup. */
export async function findBrand(db: Kysely<DB>, id: string, scope: BrandScope): Promise<Brand | undefined> {
  return db.selectFrom('brands').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'brands.id')).executeTakeFirst();
}
