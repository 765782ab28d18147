import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Records that a token was used now. Primary key update. */
export async function touchApiToken(db: Database, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute();
}
