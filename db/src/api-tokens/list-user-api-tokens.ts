import type { ApiToken } from '../schema.ts';
import type { Database } from '../client.ts';

/** A user's tokens not yet revoked (expired ones included, to be seen and revoked), newest first. api_tokens_user_idx. */
export async function listUserApiTokens(db: Database, userId: string): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}
