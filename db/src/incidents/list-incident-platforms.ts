import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** The platforms an incident's grouped mentions are on (a holding reply must fit each). Incident_mentions primary key. */
export async function listIncidentPlatforms(db: Database, incidentId: string): Promise<string[]> {
  const rows = await sql<{ platform: string }>`
    select distinct m.platform from incident_mentions im join mentions m on m.id = im.mention_id
    where im.incident_id = ${incidentId} order by m.platform`.execute(db);
  return rows.rows.map((r) => r.platform);
}
