import type { Kysely } from 'kysely';
import type { ApiToken, DB } from '../schema.ts';

/** A user's tokens not yet revoked (expired ones included, to be seen and revoked), newest first. api_tokens_user_idx. */
export async function listUserApiTokens(db: Kysely<DB>, userId: string): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
}
