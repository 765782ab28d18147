import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Records that a session was used now, which restarts its idle timeout. Primary key update. */
export async function touchSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('token_hash', '=', tokenHash).execute();
}
