import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { AlertStatus } from '../schema.ts';
import { selectAlertViews, type AlertView } from './alert-view.ts';

export interface AlertHistoryQuery {
  brandId: string;
  status?: AlertStatus;
  ruleId?: string;
  /** Raised at or after. */
  from?: Date;
  /** Raised before. */
  to?: Date;
  /** Keyset: the last alert of the previous page (created_at_exact and id). */
  after?: { createdAt: string; id: string };
  limit: number;
}

/**
 * A brand's alerts, newest first, filtered by status, rule and when they were raised; one page
 * of `limit` after the keyset. Served by `alerts_brand_created_idx` (brand_id, created_at desc,
 * id desc): the filters are checked on the rows walked in that order.
 */
export async function listAlertHistory(db: Database, q: AlertHistoryQuery): Promise<AlertView[]> {
  let query = selectAlertViews(db).where('a.brand_id', '=', q.brandId);
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.ruleId) query = query.where('a.rule_id', '=', q.ruleId);
  if (q.from) query = query.where('a.created_at', '>=', q.from);
  if (q.to) query = query.where('a.created_at', '<', q.to);
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('a.created_at', '<', sql<Date>`${after.createdAt}::timestamptz`),
        eb.and([eb('a.created_at', '=', sql<Date>`${after.createdAt}::timestamptz`), eb('a.id', '<', after.id)]),
      ]),
    );
  return query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(q.limit).execute();
}
