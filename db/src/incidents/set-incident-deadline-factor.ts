import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Tightens (factor < 1) or restores (null) the deadlines new mentions of the incident's brand get
 * while it is open, and records who and since when. Returns false when there is no such incident.
 * Primary key.
 */
export async function setIncidentDeadlineFactor(
  db: Database,
  input: { incidentId: string; factor: number | null; userId: string },
): Promise<boolean> {
  const row = await db
    .updateTable('incidents')
    .set({
      deadline_factor: input.factor,
      deadline_since: input.factor === null ? null : sql<Date>`coalesce(deadline_since, now())`,
      deadline_set_by: input.factor === null ? null : input.userId,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', input.incidentId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
