import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Replaces a user's brand limit: an empty list lifts it (every brand). Unknown brand ids are
 * refused by the foreign key; callers check them first to say which.
 */
export async function setUserBrands(db: Kysely<DB>, userId: string, brandIds: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx: Transaction<DB>) => {
    await trx.deleteFrom('user_brands').where('user_id', '=', userId).execute();
    if (brandIds.length > 0) await trx.insertInto('user_brands').values([...new Set(brandIds)].map((brand_id) => ({ user_id: userId, brand_id }))).execute();
  });
}
