import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * A poll failed. The cursor stays where it was, so the next poll reads the same posts
 * again. A rate limit is a wait, not a failure: it sets `rate_limited_until` and leaves
 * `failing_since` alone. Reads made before the failure still count against the budget.
 * Primary key.
 */
export async function recordPollFailure(
  db: Database,
  id: string,
  failure: { error: string; rateLimitedUntil?: Date | undefined; reads?: number | undefined },
): Promise<void> {
  const reads = failure.reads ?? 0;
  await db
    .updateTable('streams')
    .set({
      poll_lease_until: null,
      last_error: failure.error,
      last_error_at: sql<Date>`now()`,
      ...(failure.rateLimitedUntil
        ? { rate_limited_until: failure.rateLimitedUntil }
        : { failing_since: sql<Date>`coalesce(failing_since, now())`, rate_limited_until: null }),
      reads_this_month: sql<number>`case when budget_month = to_char(now(), 'YYYY-MM') then reads_this_month else 0 end + ${reads}`,
      budget_month: sql<string>`to_char(now(), 'YYYY-MM')`,
    })
    .where('id', '=', id)
    .execute();
}
