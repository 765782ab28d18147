import type { Database } from '../client.ts';
import type { PlatformConnection } from '../schema.ts';

/** Every stored connection (sealed). Tiny table. */
export async function listConnections(db: Database): Promise<PlatformConnection[]> {
  return db.selectFrom('platform_connections').selectAll().orderBy('platform').execute();
}
