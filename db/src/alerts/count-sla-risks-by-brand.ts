import { sql } from 'kysely';
import type { Database } from '../client.ts';

/** Brands without an SLA policy row: the column's default in the migration that added it. */
export const DEFAULT_SLA_ALERT_LEAD_MINUTES = 15;

export interface SlaRiskCount {
  brand_id: string;
  /** Open mentions whose deadline has passed. */
  breached: number;
  /** Open mentions due within the brand's lead time (deadline still ahead). */
  due_soon: number;
  lead_minutes: number;
  /** The earliest deadline still ahead, if any. */
  next_due_at: Date | null;
  /** The oldest passed deadline, if any. */
  oldest_breach_at: Date | null;
}

/**
 * For every brand with any, its open non-spam mentions breached and about to breach (deadline
 * within the brand's `sla_policies.alert_lead_minutes`, default 15) at `now`: one query for all
 * brands. Served by `mentions_open_due_idx` (sla_due_at) include (brand_id), partial on open
 * non-spam mentions: an index-only range scan up to now + the longest lead time of any brand.
 */
export async function countSlaRisksByBrand(db: Database, now: Date): Promise<SlaRiskCount[]> {
  const { rows } = await sql<SlaRiskCount>`
    with horizon as (
      select ${now}::timestamptz + greatest(${DEFAULT_SLA_ALERT_LEAD_MINUTES}, coalesce(max(alert_lead_minutes), 0))
               * interval '1 minute' as until
      from sla_policies
    )
    select m.brand_id,
           (count(*) filter (where m.sla_due_at <= ${now}))::int as breached,
           (count(*) filter (where m.sla_due_at > ${now}))::int as due_soon,
           coalesce(p.alert_lead_minutes, ${DEFAULT_SLA_ALERT_LEAD_MINUTES})::int as lead_minutes,
           min(m.sla_due_at) filter (where m.sla_due_at > ${now}) as next_due_at,
           min(m.sla_due_at) filter (where m.sla_due_at <= ${now}) as oldest_breach_at
    from mentions m
    left join sla_policies p on p.brand_id = m.brand_id
    where m.status = 'open' and not m.is_spam and m.intent <> 'spam'
      and m.sla_due_at <= (select until from horizon)
      and m.sla_due_at <= ${now}::timestamptz
            + coalesce(p.alert_lead_minutes, ${DEFAULT_SLA_ALERT_LEAD_MINUTES}) * interval '1 minute'
    group by m.brand_id, p.alert_lead_minutes
    order by m.brand_id`.execute(db);
  return rows;
}
