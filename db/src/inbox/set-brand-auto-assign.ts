import type { Database } from '../client.ts';

/** Turns automatic assignment on (with a per-agent cap) or off (null). Primary key; false when no such brand. */
export async function setBrandAutoAssign(db: Database, brandId: string, cap: number | null): Promise<boolean> {
  const r = await db.updateTable('brands').set({ auto_assign_cap: cap }).where('id', '=', brandId).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
