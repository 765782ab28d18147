import type { Database, DatabaseTransaction } from '../client.ts';
import type { SavedReply } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** Deletes a saved reply the caller may change; the deleted row, or undefined. Primary key lookup. */
export async function deleteSavedReply(db: Database | DatabaseTransaction, id: string, scope: BrandScope): Promise<SavedReply | undefined> {
  return db
    .deleteFrom('saved_replies')
    .where('id', '=', id)
    .where((eb) => (scope.kind === 'all' ? eb.val(true) : brandScopeSql(scope, 'saved_replies.brand_id')))
    .returningAll()
    .executeTakeFirst();
}
