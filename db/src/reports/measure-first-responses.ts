import { sql } from 'kysely';
import { openMsBefore, type BusinessCalendar } from './business-calendar-sql.ts';
import type { PeriodScope } from './period-mentions-sql.ts';
import type { Database } from '../client.ts';

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
 * counted as open time in `calendar` in whole minutes (rounded down), as nearest-rank percentiles overall and
 * per priority, platform and agent. Reads only the period's answered mentions, from `mentions_brand_answered_idx` alone;
 * the first response is kept on each mention by a trigger on replies.
 */
export async function measureFirstResponses(
  db: Database,
  scope: PeriodScope,
  calendar: BusinessCalendar,
): Promise<FirstResponseTimes[]> {
  const { brandId, start, end, asOf } = scope;
  // Nearest-rank percentiles from per-minute histograms: one hash aggregate instead of a sort
  // of every answered mention per table. Rounding down to the minute keeps the order, so the
  // k-th smallest whole minute is the k-th smallest time rounded down: the figures are exact
  // to the minute they are shown in.
  const result = await sql<{ g_priority: number; g_platform: number; g_agent: number; priority: number | null; platform: string | null; agent_id: string | null; answered: number; median_min: number; p90_min: number }>`
    with a as (
      select priority, platform, first_responder_id as agent_id,
        floor((${openMsBefore(sql`first_response_at`, calendar)} - ${openMsBefore(sql`posted_at`, calendar)}) / 60000)::int as minute
      from mentions
      where brand_id = ${brandId} and posted_at >= ${start} and posted_at < ${end} and first_response_at is not null and first_response_at <= ${asOf}
    ),
    h as (
      select grouping(priority) as g_priority, grouping(platform) as g_platform, grouping(agent_id) as g_agent,
        priority, platform, agent_id, minute, count(*)::int as n
      from a
      group by grouping sets ((minute), (priority, minute), (platform, minute), (agent_id, minute))
    ),
    w as (
      select h.*,
        sum(n) over (partition by g_priority, g_platform, g_agent, priority, platform, agent_id order by minute) as below,
        sum(n) over (partition by g_priority, g_platform, g_agent, priority, platform, agent_id) as total
      from h
    )
    select g_priority, g_platform, g_agent, priority, platform, agent_id, max(total)::int as answered,
      min(minute) filter (where below >= ceil(0.5 * total)) as median_min,
      min(minute) filter (where below >= ceil(0.9 * total)) as p90_min
    from w
    group by g_priority, g_platform, g_agent, priority, platform, agent_id
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
      medianMs: r.median_min * 60_000,
      p90Ms: r.p90_min * 60_000,
    };
  });
}
