import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Replies not finished (queued, sending or unknown) and untouched for `olderThanMs`: their
 * publish job may have been lost with Redis or exhausted. Served by a scan of the small set
 * of unfinished replies (partial index `replies_unfinished_idx`).
 */
export async function findStuckReplies(db: Database, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('replies')
    .select('id')
    .where('state', 'in', ['queued', 'sending', 'unknown'])
    .where('updated_at', '<', sql<Date>`now() - ${`${olderThanMs} milliseconds`}::interval`)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
