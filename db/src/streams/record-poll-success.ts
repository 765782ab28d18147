import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * A poll finished: every page is queued, so the cursor may move. Counts reads against
 * today's and this month's totals (reset when the day or month turns) and clears errors.
 * A `notice` (posts that could not be read) replaces the stream's last one; without one the
 * last stays, since what it says stays true. By primary key.
 */
export async function recordPollSuccess(
  db: Database,
  id: string,
  outcome: { cursor: string | null; fetched: number; reads: number; notice?: string | undefined },
): Promise<void> {
  await db
    .updateTable('streams')
    .set({
      cursor: outcome.cursor,
      poll_lease_until: null,
      last_success_at: sql<Date>`now()`,
      last_error: null,
      last_error_at: null,
      failing_since: null,
      rate_limited_until: null,
      fetched_today: sql<number>`case when fetched_day = current_date then fetched_today else 0 end + ${outcome.fetched}`,
      fetched_day: sql<string>`current_date`,
      reads_this_month: sql<number>`case when budget_month = to_char(now(), 'YYYY-MM') then reads_this_month else 0 end + ${outcome.reads}`,
      budget_month: sql<string>`to_char(now(), 'YYYY-MM')`,
      ...(outcome.notice ? { last_notice: outcome.notice, last_notice_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}
