import type { Brand } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** Every brand in `scope`, by name. Small table: scans. */
export async function listBrands(db: Database, scope: BrandScope): Promise<Brand[]> {
  return db.selectFrom('brands').selectAll().where(brandScopeSql(scope, 'brands.id')).orderBy('name').execute();
}
