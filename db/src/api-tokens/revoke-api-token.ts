import type { ApiToken } from '../schema.ts';
import type { Database } from '../client.ts';

/** Revokes one of the user's tokens; returns it, or undefined when they have no such live token. Primary key. */
export async function revokeApiToken(db: Database, id: string, userId: string): Promise<ApiToken | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
