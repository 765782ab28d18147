import { sql } from 'kysely';
import { periodMentionsCtes, type PeriodScope } from './period-mentions-sql.ts';
import type { Database } from '../client.ts';

/** Counts of the period's mentions with one priority, platform and first responder. */
export interface ResponseCounts {
  priority: number;
  platform: string;
  /** Who sent the first response; null when nobody had by asOf. */
  agentId: string | null;
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
}

/**
 * Every count of the report's headline and response tables, per (priority, platform, first
 * responder): a few dozen rows that add up to any table, so the tables and the headline agree by
 * construction. One scan of the period's mentions (`mentions_brand_posted_idx`), whose first
 * responses a trigger keeps on them; the outcomes are the flags of `periodMentionsCtes`.
 */
export async function countPeriodResponses(db: Database, scope: PeriodScope): Promise<ResponseCounts[]> {
  // The planner cannot tell that (priority, platform, first responder) has a few hundred
  // values and sorts a million rows to group them; a hash needs no sort. Local to the caller's
  // transaction (buildReport runs each query in one).
  await sql`select set_config('enable_sort', 'off', true)`.execute(db);
  const result = await sql<ResponseCounts>`
    with ${periodMentionsCtes(scope)}
    select priority, platform, agent_id as "agentId",
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
      count(*) filter (where open_at_end)::int as "openAtEnd",
      count(*) filter (where answered_after)::int as "answeredAfter"
    from pm
    group by priority, platform, agent_id
  `.execute(db);
  return result.rows;
}
