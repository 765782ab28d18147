import type { Mention } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The mention, row-locked until the transaction ends, or undefined. Two agents correcting the
 * same mention at once then apply one after the other. Primary key lookup.
 */
export async function findMentionForUpdate(trx: Database, id: string): Promise<Mention | undefined> {
  return trx.selectFrom('mentions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
