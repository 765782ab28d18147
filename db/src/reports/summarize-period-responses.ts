import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { calendarRow, openMsBefore, type BusinessCalendar } from './business-calendar-sql.ts';
import { periodMentionsCtes, type PeriodScope } from './period-mentions-sql.ts';

export type ResponseDimension = 'all' | 'priority' | 'platform' | 'agent';

/** Counts of one group of a period's mentions; medians and p90 in business milliseconds. */
export interface ResponseGroup {
  dimension: ResponseDimension;
  /** Priority "1"–"4", a platform, an agent's user id, or null: all (dimension all) / nobody answered (agent). */
  key: string | null;
  /** The agent's name (dimension agent, when the user still exists). */
  label: string | null;
  mentions: number;
  negative: number;
  neutral: number;
  positive: number;
  complaints: number;
  spam: number;
  answered: number;
  due: number;
  within: number;
  late: number;
  missed: number;
  pending: number;
  openAtEnd: number;
  answeredAfter: number;
  /** Nearest-rank percentiles (percentile_disc) of first-response business time; null when none answered. */
  medianMs: number | null;
  p90Ms: number | null;
}

/**
 * Every count of the report's headline and response tables in one scan of the period's
 * mentions (`mentions_brand_posted_idx`) joined to their first responses
 * (`replies_first_sent_idx`): grouping sets over all, priority, platform and first responder,
 * so each table's rows add up to the headline by construction. Business time is open time in
 * `calendar` between arrival and first response.
 */
export async function summarizePeriodResponses(
  db: Kysely<DB>,
  scope: PeriodScope,
  calendar: BusinessCalendar,
): Promise<ResponseGroup[]> {
  const result = await sql<{
    g_priority: number;
    g_platform: number;
    g_agent: number;
    priority: number | null;
    platform: string | null;
    agent_id: string | null;
    mentions: number;
    negative: number;
    neutral: number;
    positive: number;
    complaints: number;
    spam: number;
    answered: number;
    due: number;
    within: number;
    late: number;
    missed: number;
    pending: number;
    open_at_end: number;
    answered_after: number;
    median_ms: number | null;
    p90_ms: number | null;
  }>`
    with cal as (${calendarRow(calendar)}), ${periodMentionsCtes(scope)},
    t as (
      select pm.*, case when pm.first_at is null then null
        else ${openMsBefore(sql`pm.first_at`)} - ${openMsBefore(sql`pm.posted_at`)} end as biz_ms
      from pm cross join cal
    )
    select grouping(priority) as g_priority, grouping(platform) as g_platform, grouping(agent_id) as g_agent,
      priority, platform, agent_id,
      count(*)::int as mentions,
      count(*) filter (where sentiment = 'negative')::int as negative,
      count(*) filter (where sentiment = 'neutral')::int as neutral,
      count(*) filter (where sentiment = 'positive')::int as positive,
      count(*) filter (where intent = 'complaint')::int as complaints,
      count(*) filter (where spam)::int as spam,
      count(*) filter (where answered)::int as answered,
      count(*) filter (where answered or missed)::int as due,
      count(*) filter (where within)::int as within,
      count(*) filter (where late)::int as late,
      count(*) filter (where missed)::int as missed,
      count(*) filter (where pending)::int as pending,
      count(*) filter (where open_at_end)::int as open_at_end,
      count(*) filter (where answered_after)::int as answered_after,
      percentile_disc(0.5) within group (order by biz_ms) as median_ms,
      percentile_disc(0.9) within group (order by biz_ms) as p90_ms
    from t
    group by grouping sets ((), (priority), (platform), (agent_id))
  `.execute(db);

  const agentIds = [...new Set(result.rows.map((r) => r.agent_id).filter((id): id is string => id !== null))];
  const names = new Map(
    agentIds.length === 0 ? [] : (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', agentIds).execute()).map((u) => [u.id, u.name]),
  );
  return result.rows.map((r) => {
    const dimension: ResponseDimension = r.g_priority === 0 ? 'priority' : r.g_platform === 0 ? 'platform' : r.g_agent === 0 ? 'agent' : 'all';
    const key = dimension === 'priority' ? String(r.priority) : dimension === 'platform' ? r.platform : dimension === 'agent' ? r.agent_id : null;
    return {
      dimension,
      key,
      label: dimension === 'agent' && r.agent_id ? (names.get(r.agent_id) ?? null) : null,
      mentions: r.mentions,
      negative: r.negative,
      neutral: r.neutral,
      positive: r.positive,
      complaints: r.complaints,
      spam: r.spam,
      answered: r.answered,
      due: r.due,
      within: r.within,
      late: r.late,
      missed: r.missed,
      pending: r.pending,
      openAtEnd: r.open_at_end,
      answeredAfter: r.answered_after,
      medianMs: r.median_ms === null ? null : Number(r.median_ms),
      p90Ms: r.p90_ms === null ? null : Number(r.p90_ms),
    };
  });
}
