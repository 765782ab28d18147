import { sql } from 'kysely';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export interface OpenIncidentRow {
  id: string;
  alert_id: string;
  brand_id: string;
  brand_name: string;
  message: string;
  started_at: Date | null;
  acknowledged_at: Date | null;
  deadline_factor: number | null;
  mentions: number;
}

/**
 * Open incidents (their alert not resolved) of brands in `scope`, newest first, optionally of one brand, each with
 * its count of grouped mentions: the inbox's items at the top. Few rows (one per open spike
 * alert); counted on the incident_mentions primary key.
 */
export async function listOpenIncidents(db: Database, scope: BrandScope, brandId?: string): Promise<OpenIncidentRow[]> {
  const rows = await sql<OpenIncidentRow>`
    select i.id, i.alert_id, i.brand_id, b.name as brand_name, a.message, a.started_at,
      a.acknowledged_at, i.deadline_factor,
      (select count(*)::int from incident_mentions im where im.incident_id = i.id) as mentions
    from incidents i
    join alerts a on a.id = i.alert_id
    join brands b on b.id = i.brand_id
    where a.resolved_at is null and ${brandScopeSql(scope, 'i.brand_id')} ${brandId === undefined ? sql`` : sql`and i.brand_id = ${brandId}`}
    order by i.created_at desc, i.id`.execute(db);
  return rows.rows;
}
