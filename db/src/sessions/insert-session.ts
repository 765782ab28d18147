import type { Database } from '../client.ts';

/** Stores a session by the hash of its token (the token itself is never stored). */
export async function insertSession(db: Database, input: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: input.tokenHash, user_id: input.userId, expires_at: input.expiresAt }).execute();
}
