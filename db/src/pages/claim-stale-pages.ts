import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Pages queued more than `olderThanMs` ago and still not analyzed (their job was lost with
 * Redis, or ran out of attempts). Marks them re-queued now and returns their ids, so
 * concurrent sweepers do not pick the same pages. Served by `collected_pages_enqueued_idx`.
 */
export async function claimStalePages(db: Database, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('collected_pages')
    .set({ enqueued_at: sql<Date>`now()` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('collected_pages')
        .select('id')
        .where('enqueued_at', '<', sql<Date>`now() - ${`${olderThanMs} milliseconds`}::interval`)
        .orderBy('enqueued_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
