import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';
import type { SavedReply } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/**
 * Saved replies a caller may use, by title: the every-brand ones (brand_id null) and those of
 * brands in `scope`; with `brandId`, only the ones that serve that brand (its own and the
 * every-brand ones), for the reply box of one of its mentions. Served by
 * `saved_replies_brand_title_idx` (brand_id, lower(title)); an install holds few.
 */
export async function listSavedReplies(db: Database | DatabaseTransaction, scope: BrandScope, brandId?: string): Promise<SavedReply[]> {
  let query = db
    .selectFrom('saved_replies')
    .selectAll()
    .where((eb) => eb.or([eb('brand_id', 'is', null), brandScopeSql(scope, 'saved_replies.brand_id')]));
  if (brandId !== undefined) query = query.where((eb) => eb.or([eb('brand_id', 'is', null), eb('brand_id', '=', brandId)]));
  return query.orderBy(sql`lower(title)`).orderBy('id').execute();
}
