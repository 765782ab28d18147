import type { Database, DatabaseTransaction } from '../client.ts';
import type { SavedReply } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { NewSavedReply } from './insert-saved-reply.ts';

/**
 * Replaces a saved reply's brand, title and text; undefined when there is none the caller may
 * change (see findSavedReply for who may change an every-brand one). Primary key lookup.
 */
export async function updateSavedReply(db: Database | DatabaseTransaction, id: string, scope: BrandScope, reply: NewSavedReply): Promise<SavedReply | undefined> {
  return db
    .updateTable('saved_replies')
    .set({ brand_id: reply.brandId, title: reply.title, body: reply.body, updated_by: reply.userId, updated_at: new Date() })
    .where('id', '=', id)
    .where((eb) => (scope.kind === 'all' ? eb.val(true) : brandScopeSql(scope, 'saved_replies.brand_id')))
    .returningAll()
    .executeTakeFirst();
}
