import type { Database } from '../client.ts';

/** Ends a session. Primary key (token_hash). */
export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
