import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertOutcome } from '../schema.ts';
import type { IncidentMatch } from './incident.table.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export interface IncidentView {
  id: string;
  alert_id: string;
  brand_id: string;
  brand_name: string;
  terms: string[];
  match: IncidentMatch;
  created_at: Date;
  deadline_factor: number | null;
  deadline_since: Date | null;
  deadline_set_by_name: string | null;
  holding_text: string | null;
  message: string;
  started_at: Date | null;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  outcome: AlertOutcome | null;
  rule_id: string | null;
}

/** One incident with its alert's state and its brand's name, or undefined (also when its brand is outside `scope`). Primary keys. */
export async function findIncident(db: Database, id: string, scope: BrandScope): Promise<IncidentView | undefined> {
  return db
    .selectFrom('incidents as i')
    .innerJoin('alerts as a', 'a.id', 'i.alert_id')
    .innerJoin('brands as b', 'b.id', 'i.brand_id')
    .leftJoin('users as u', 'u.id', 'i.deadline_set_by')
    .select([
      'i.id',
      'i.alert_id',
      'i.brand_id',
      'b.name as brand_name',
      'i.terms',
      'i.match',
      'i.created_at',
      'i.deadline_factor',
      'i.deadline_since',
      'u.name as deadline_set_by_name',
      'i.holding_text',
      'a.message',
      'a.started_at',
      'a.resolved_at',
      'a.acknowledged_at',
      'a.outcome',
      'a.rule_id',
    ])
    .where('i.id', '=', id)
    .where(brandScopeSql(scope, 'i.brand_id'))
    .executeTakeFirst();
}

/**
 * The incident of an alert if it tightened its brand's deadlines: its brand and since when
 * (`incidents_alert_id_key`).
 */
export async function findTightenedIncidentByAlert(
  db: Database,
  alertId: string,
): Promise<{ brand_id: string; deadline_since: Date } | undefined> {
  const row = await sql<{ brand_id: string; deadline_since: Date }>`
    select brand_id, deadline_since from incidents
    where alert_id = ${alertId} and deadline_factor is not null and deadline_since is not null`.execute(db);
  return row.rows[0];
}
