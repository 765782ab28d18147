import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Records that a session was used now, which restarts its idle timeout. Primary key update. */
export async function touchSession(db: Database, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('token_hash', '=', tokenHash).execute();
}
