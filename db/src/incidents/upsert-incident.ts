import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { IncidentMatch } from './incident.table.ts';

/**
 * Opens the incident of a spike alert, or updates its driving terms when the alert was explained
 * again (a storm that grew). Returns its id. One incident per alert (`incidents_alert_id_key`).
 */
export async function upsertIncident(
  db: Database,
  input: { alertId: string; brandId: string; terms: string[]; match: IncidentMatch },
): Promise<string> {
  const row = await db
    .insertInto('incidents')
    .values({
      alert_id: input.alertId,
      brand_id: input.brandId,
      terms: JSON.stringify(input.terms),
      match: JSON.stringify(input.match),
    })
    .onConflict((oc) =>
      oc.column('alert_id').doUpdateSet({ terms: JSON.stringify(input.terms), updated_at: sql<Date>`now()` }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
