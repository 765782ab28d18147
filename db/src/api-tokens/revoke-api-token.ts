import type { Kysely } from 'kysely';
import type { ApiToken, DB } from '../schema.ts';

/** Revokes one of the user's tokens; returns it, or undefined when they have no such live token. Primary key. */
export async function revokeApiToken(db: Kysely<DB>, id: string, userId: string): Promise<ApiToken | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
