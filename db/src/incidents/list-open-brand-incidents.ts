import type { Database } from '../client.ts';
import type { IncidentMatch } from './incident.table.ts';

export interface OpenBrandIncident {
  id: string;
  terms: string[];
  match: IncidentMatch;
  deadline_factor: number | null;
  /** When its deadlines were tightened (null: they are not). */
  deadline_since: Date | null;
}

/**
 * A brand's open incidents (their alert not resolved): what a new mention may join, and the
 * deadline factor it gets. Read once per analyzed page. Served by `incidents_brand_idx`, then
 * the alerts' primary key.
 */
export async function listOpenBrandIncidents(db: Database, brandId: string): Promise<OpenBrandIncident[]> {
  return db
    .selectFrom('incidents as i')
    .innerJoin('alerts as a', 'a.id', 'i.alert_id')
    .select(['i.id', 'i.terms', 'i.match', 'i.deadline_factor', 'i.deadline_since'])
    .where('i.brand_id', '=', brandId)
    .where('a.resolved_at', 'is', null)
    .execute();
}
