import { sql } from 'kysely';
import type { ApiToken, User } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The token with this hash and its (enabled) user, if the token is neither revoked nor
 * expired; undefined otherwise. Unique index on token_hash, then the users primary key.
 */
export async function findApiTokenUser(db: Database, tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
  const token = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!token) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', token.user_id).where('disabled_at', 'is', null).executeTakeFirst();
  return user ? { token, user } : undefined;
}
