import type { Mention } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** The mention, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findMentionById(db: Database, id: string, scope: BrandScope): Promise<Mention | undefined> {
  return db.selectFrom('mentions').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'mentions.brand_id')).executeTakeFirst();
}
