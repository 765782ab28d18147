import type { Kysely } from 'kysely';
import type { Brand, DB } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** Every brand in `scope`, by name. Small table: scans. */
export async function listBrands(db: Kysely<DB>, scope: BrandScope): Promise<Brand[]> {
  return db.selectFrom('brands').selectAll().where(brandScopeSql(scope, 'brands.id')).orderBy('name').execute();
}
