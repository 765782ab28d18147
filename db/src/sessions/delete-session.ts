import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** Ends a session. */
export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
