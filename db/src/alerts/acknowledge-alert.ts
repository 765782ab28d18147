import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Marks an alert acknowledged by a user (someone is on it). The first acknowledgement stands:
 * acknowledging again changes nothing. Returns false when there is no such alert. Primary key.
 */
export async function acknowledgeAlert(db: Database, id: string, userId: string): Promise<boolean> {
  const row = await db
    .updateTable('alerts')
    .set({
      acknowledged_at: sql<Date>`coalesce(acknowledged_at, now())`,
      acknowledged_by: sql<string>`case when acknowledged_at is null then ${userId}::uuid else acknowledged_by end`,
    })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
