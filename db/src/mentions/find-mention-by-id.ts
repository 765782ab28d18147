import type { Kysely } from 'kysely';
import type { DB, Mention } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** The mention, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findMentionById(db: Kysely<DB>, id: string, scope: BrandScope): Promise<Mention | undefined> {
  return db.selectFrom('mentions').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'mentions.brand_id')).executeTakeFirst();
}
