import type { Database } from '../client.ts';

/** Forgets a platform's credentials; returns whether there were any. Primary key (platform). */
export async function deleteConnection(db: Database, platform: string): Promise<boolean> {
  const result = await db.deleteFrom('platform_connections').where('platform', '=', platform).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
