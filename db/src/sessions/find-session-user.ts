import { sql } from 'kysely';
import type { User } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The (enabled) user of a session that has neither expired nor been idle longer than `idleMs`, with when
 * the session was last used; undefined otherwise. Primary key lookup on token_hash.
 */
export async function findSessionUser(
  db: Database,
  tokenHash: string,
  idleMs: number,
): Promise<{ user: User; lastSeenAt: Date } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at as session_last_seen_at')
    .where('sessions.token_hash', '=', tokenHash)
    // Disabling deletes the sessions too; this keeps a disabled user out even if one survived.
    .where('users.disabled_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_last_seen_at: lastSeenAt, ...user } = row;
  return { user, lastSeenAt };
}
