import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Resolves when PostgreSQL answers `select 1` through the pool; rejects with the driver's
 * error otherwise. Touches no table, so no index is involved. The caller bounds the wait.
 */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}
