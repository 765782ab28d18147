import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { openMsBefore, type BusinessCalendar } from './business-calendar-sql.ts';
import type { PeriodScope } from './period-mentions-sql.ts';

/** Median and 90th percentile of first-response business time over one group of answered mentions. */
export interface FirstResponseTimes {
  dimension: 'all' | 'priority' | 'platform' | 'agent';
  /** Priority "1"–"4", platform, agent id; null for all. */
  key: string | null;
  answered: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * First-response time of the period's answered mentions (first reply in state 'sent' by asOf),
 * counted as open time in `calendar`, as nearest-rank percentiles (percentile_disc) overall and
 * per priority, platform and agent. Reads only the period's answered mentions, from `mentions_brand_answered_idx` alone;
 * the first response is kept on each mention by a trigger on replies.
 */
export async function measureFirstResponses(
  db: Kysely<DB>,
  scope: PeriodScope,
  calendar: BusinessCalendar,
): Promise<FirstResponseTimes[]> {
  const { brandId, start, end, asOf } = scope;
  const result = await sql<{
    g_priority: number;
    g_platform: number;
    g_agent: number;
    priority: number | null;
    platform: string | null;
    agent_id: string | null;
    answered: number;
    median_ms: number;
    p90_ms: number;
  }>`
    with a as (
      select priority, platform, first_responder_id as agent_id,
        ${openMsBefore(sql`first_response_at`, calendar)} - ${openMsBefore(sql`posted_at`, calendar)} as biz_ms
      from mentions
      where brand_id = ${brandId} and posted_at >= ${start} and posted_at < ${end} and first_response_at is not null and first_response_at <= ${asOf}
    )
    select grouping(priority) as g_priority, grouping(platform) as g_platform, grouping(agent_id) as g_agent,
      priority, platform, agent_id, count(*)::int as answered,
      percentile_disc(0.5) within group (order by biz_ms) as median_ms,
      percentile_disc(0.9) within group (order by biz_ms) as p90_ms
    from a
    group by grouping sets ((), (priority), (platform), (agent_id))
  `.execute(db);
  return result.rows.map((r) => {
    const dimension =
      r.g_priority === 0
        ? 'priority'
        : r.g_platform === 0
          ? 'platform'
          : r.g_agent === 0
            ? 'agent'
            : 'all';
    const key =
      dimension === 'priority'
        ? String(r.priority)
        : dimension === 'platform'
          ? r.platform
          : dimension === 'agent'
            ? r.agent_id
            : null;
    return {
      dimension,
      key,
      answered: r.answered,
      medianMs: Number(r.median_ms),
      p90Ms: Number(r.p90_ms),
    };
  });
}
