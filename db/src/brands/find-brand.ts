import type { Brand } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database } from '../client.ts';

/** The brand with this id, or undefined (also when it is outside `scope`). Primary key lookup. */
export async function findBrand(db: Database, id: string, scope: BrandScope): Promise<Brand | undefined> {
  return db.selectFrom('brands').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'brands.id')).executeTakeFirst();
}
