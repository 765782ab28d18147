import { sql } from 'kysely';
import type { Intent, Priority, Sentiment } from '../schema.ts';
import { openMsBefore, type BusinessCalendar } from './business-calendar-sql.ts';
import { periodMentionsCtes, type PeriodScope } from './period-mentions-sql.ts';
import type { Database } from '../client.ts';

/** One row of the report's row-level CSV. */
export interface ReportMentionRow {
  id: string;
  postedAt: Date;
  platform: string;
  authorHandle: string;
  text: string;
  sentiment: Sentiment;
  intent: Intent;
  topic: string | null;
  priority: Priority;
  spam: boolean;
  slaDueAt: Date;
  firstResponseAt: Date | null;
  agentId: string | null;
  agentName: string | null;
  businessMs: number | null;
  within: boolean;
  missed: boolean;
  pending: boolean;
  url: string | null;
}

/**
 * The period's mentions one page at a time (keyset on posted_at, id; `after` = the last row of
 * the previous page), with first response, its business time and outcome as the report counts
 * them. Served by `mentions_brand_posted_idx` and the first response kept on each mention.
 */
export async function listReportMentions(
  db: Database,
  scope: PeriodScope,
  calendar: BusinessCalendar,
  page: { limit: number; after?: { postedAt: Date; id: string } | undefined },
): Promise<ReportMentionRow[]> {
  const keyset = page.after
    ? sql`(pm.posted_at, pm.id) > (${page.after.postedAt}, ${page.after.id}::uuid)`
    : sql`true`;
  const result = await sql<ReportMentionRow>`
    with ${periodMentionsCtes(scope)}
    select pm.id, pm.posted_at as "postedAt", pm.platform, pm.author_handle as "authorHandle", m.text,
      pm.sentiment, pm.intent, pm.topic, pm.priority, pm.spam, pm.sla_due_at as "slaDueAt",
      pm.first_at as "firstResponseAt", pm.agent_id as "agentId", u.name as "agentName",
      case when pm.first_at is null then null else ${openMsBefore(sql`pm.first_at`, calendar)} - ${openMsBefore(sql`pm.posted_at`, calendar)} end as "businessMs",
      pm.within, pm.missed, pm.pending, m.url
    from pm
    join mentions m on m.id = pm.id
    left join users u on u.id = pm.agent_id
    where ${keyset}
    order by pm.posted_at, pm.id
    limit ${page.limit}
  `.execute(db);
  return result.rows.map((r) => ({
    ...r,
    businessMs: r.businessMs === null ? null : Number(r.businessMs),
  }));
}
