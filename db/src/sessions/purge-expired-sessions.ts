import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Deletes sessions past their expiry or idle longer than `idleMs`; returns how many.
 * Index sessions_expires_idx serves the expiry half; idle sessions are few beside it.
 */
export async function purgeExpiredSessions(db: Database, idleMs: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${idleMs / 1000})`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
