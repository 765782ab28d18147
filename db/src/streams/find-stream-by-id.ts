import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** The stream, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findStreamById(db: Database, id: string, scope: BrandScope): Promise<Stream | undefined> {
  return db.selectFrom('streams').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'streams.brand_id')).executeTakeFirst();
}
