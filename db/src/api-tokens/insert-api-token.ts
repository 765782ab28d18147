import type { ApiToken, UserRole } from '../schema.ts';
import type { Database } from '../client.ts';

/** Stores a token by its hash; returns the row. Unique index on token_hash. */
export async function insertApiToken(
  db: Database,
  input: { userId: string; name: string; tokenHash: string; role: UserRole; expiresAt: Date | null },
): Promise<ApiToken> {
  return db
    .insertInto('api_tokens')
    .values({ user_id: input.userId, name: input.name, token_hash: input.tokenHash, role: input.role, expires_at: input.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}
