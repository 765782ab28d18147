import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Closes (resolves) the given open SLA alerts; returns how many closed. Rows by primary key. */
export async function closeSlaAlerts(db: Database, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('alerts')
    .set({ resolved_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', 'in', ids)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
