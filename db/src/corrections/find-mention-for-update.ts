import type { Kysely, Transaction } from 'kysely';
import type { DB, Mention } from '../schema.ts';

/**
 * The mention, row-locked until the transaction ends, or undefined. Two agents correcting the
 * same mention at once then apply one after the other. Primary key lookup.
 */
export async function findMentionForUpdate(trx: Transaction<DB> | Kysely<DB>, id: string): Promise<Mention | undefined> {
  return trx.selectFrom('mentions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
