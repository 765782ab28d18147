import type { Database, DatabaseTransaction } from '../client.ts';
import type { SavedReply } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/**
 * One saved reply the caller may change: one of a brand in `scope`, or an every-brand one only
 * for a caller limited to no brands (it serves brands they cannot see). Primary key lookup.
 */
export async function findSavedReply(db: Database | DatabaseTransaction, id: string, scope: BrandScope): Promise<SavedReply | undefined> {
  return db
    .selectFrom('saved_replies')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => (scope.kind === 'all' ? eb.val(true) : brandScopeSql(scope, 'saved_replies.brand_id')))
    .executeTakeFirst();
}
