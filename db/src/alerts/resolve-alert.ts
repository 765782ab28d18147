import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * A person resolves an alert: it closes now (if the detector had not closed it already) with
 * who and when. A storm that is still going does not reopen it (updateSpikeAlert keeps a
 * person's decision). An alert already resolved or marked false alarm is left as it is.
 * Returns false when there is no such alert. Primary key.
 */
export async function resolveAlert(db: Database, id: string, userId: string): Promise<boolean> {
  const row = await db
    .updateTable('alerts')
    .set({
      outcome: sql<'resolved'>`coalesce(outcome, 'resolved')`,
      handled_at: sql<Date>`coalesce(handled_at, now())`,
      handled_by: sql<string>`case when outcome is null then ${userId}::uuid else handled_by end`,
      resolved_at: sql<Date>`coalesce(resolved_at, now())`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
