import { sql } from 'kysely';
import type { InboxFilter } from './inbox-filter.ts';
import { periodMentionsCtes } from './period-mentions-sql.ts';
import type { Database } from '../client.ts';

const RESPONSE_FLAG: Record<NonNullable<InboxFilter['response']>, string> = {
  answered: 'answered',
  within: 'within',
  late: 'late',
  missed: 'missed',
  pending: 'pending',
  due: '(answered or missed)',
  'open-at-end': 'open_at_end',
  'answered-after': 'answered_after',
};

/**
 * How many mentions an inbox filter selects, with the response outcomes the report defines.
 * The inbox behind a report figure; tests check every figure against it. Served by
 * `mentions_brand_posted_idx` and the first response kept on each mention.
 */
export async function countMentionsByFilter(
  db: Database,
  filter: InboxFilter,
  now: Date = new Date(),
): Promise<number> {
  const conditions = [sql`true`];
  if (filter.sentiment) conditions.push(sql`sentiment = ${filter.sentiment}`);
  if (filter.intent) conditions.push(sql`intent = ${filter.intent}`);
  if (filter.topic)
    conditions.push(filter.topic === 'none' ? sql`topic is null` : sql`topic = ${filter.topic}`);
  if (filter.platform) conditions.push(sql`platform = ${filter.platform}`);
  if (filter.priority) conditions.push(sql`priority = ${filter.priority}`);
  if (filter.agentId)
    conditions.push(
      filter.agentId === 'none' ? sql`agent_id is null` : sql`agent_id = ${filter.agentId}`,
    );
  if (filter.authorHandle) conditions.push(sql`author_handle = ${filter.authorHandle}`);
  if (filter.response) conditions.push(sql.raw(RESPONSE_FLAG[filter.response]));
  const scope = {
    brandId: filter.brandId,
    start: new Date(filter.postedFrom),
    end: new Date(filter.postedBefore),
    asOf: filter.asOf ? new Date(filter.asOf) : now,
  };
  const result = await sql<{ n: number }>`
    with ${periodMentionsCtes(scope)}
    select count(*)::int as n from pm where ${sql.join(conditions, sql` and `)}
  `.execute(db);
  return result.rows[0]!.n;
}
