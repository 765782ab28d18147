import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Records that a token was used now. Primary key update. */
export async function touchApiToken(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', id).execute();
}
