import type { Database, DatabaseTransaction } from '../client.ts';

/**
 * Replaces a user's brand limit: an empty list lifts it (every brand). Unknown brand ids are
 * refused by the foreign key; callers check them first to say which. The delete by
 * `user_brands_pkey` (user_id, brand_id).
 */
export async function setUserBrands(db: Database, userId: string, brandIds: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx: DatabaseTransaction) => {
    await trx.deleteFrom('user_brands').where('user_id', '=', userId).execute();
    if (brandIds.length > 0) await trx.insertInto('user_brands').values([...new Set(brandIds)].map((brand_id) => ({ user_id: userId, brand_id }))).execute();
  });
}
