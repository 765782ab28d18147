import type { Database } from '../client.ts';

/** Each limited user's brand ids (users without a limit are absent). Primary key of user_brands. */
export async function listUserBrandLimits(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('user_brands').select(['user_id', 'brand_id']).orderBy('user_id').execute();
  const limits = new Map<string, string[]>();
  for (const row of rows) limits.set(row.user_id, [...(limits.get(row.user_id) ?? []), row.brand_id]);
  return limits;
}
