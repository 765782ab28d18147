import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertOutcome, AlertStatus } from '../schema.ts';

/** An alert as the dashboard shows it: with its rule's name and the names of who acted on it. */
export interface AlertView {
  id: string;
  kind: string;
  brand_id: string | null;
  stream_id: string | null;
  rule_id: string | null;
  rule_name: string | null;
  message: string;
  status: AlertStatus;
  created_at: Date;
  /** created_at to the microsecond (a Date keeps milliseconds): the history's keyset cursor. */
  created_at_exact: string;
  started_at: Date | null;
  resolved_at: Date | null;
  updated_at: Date;
  peak: number | null;
  total: number | null;
  details: unknown;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  outcome: AlertOutcome | null;
  handled_at: Date | null;
  handled_by_name: string | null;
}

/** The select every alert view shares (alerts with rule and user names). */
export function selectAlertViews(db: Database) {
  return db
    .selectFrom('alerts as a')
    .leftJoin('alert_rules as r', 'r.id', 'a.rule_id')
    .leftJoin('users as ua', 'ua.id', 'a.acknowledged_by')
    .leftJoin('users as uh', 'uh.id', 'a.handled_by')
    .select([
      'a.id',
      'a.kind',
      'a.brand_id',
      'a.stream_id',
      'a.rule_id',
      'r.name as rule_name',
      'a.message',
      'a.status',
      'a.created_at',
      'a.started_at',
      'a.resolved_at',
      'a.updated_at',
      'a.peak',
      'a.total',
      'a.details',
      'a.acknowledged_at',
      'ua.name as acknowledged_by_name',
      'a.outcome',
      'a.handled_at',
      'uh.name as handled_by_name',
      sql<string>`to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_at_exact'),
    ]);
}
