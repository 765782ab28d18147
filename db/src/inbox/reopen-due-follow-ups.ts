import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';

/**
 * Reopens pending mentions whose follow-up time has come (at most `limit`), recording each
 * change as the system's. Returns them with their assignee, to be told. Served by
 * `mentions_follow_up_idx` (follow_up_at) where status = 'pending'. `skip locked`: two workers
 * ticking at once reopen each mention once.
 */
export async function reopenDueFollowUps(
  db: Database | DatabaseTransaction,
  now: Date,
  limit = 500,
): Promise<{ id: string; brand_id: string; assignee_id: string | null; text: string }[]> {
  const { rows } = await sql<{ id: string; brand_id: string; assignee_id: string | null; text: string }>`
    with due as (
      select id from mentions where status = 'pending' and follow_up_at <= ${now}
      order by follow_up_at limit ${limit} for update skip locked
    ),
    changed as (
      update mentions m set status = 'open', follow_up_at = null from due where m.id = due.id
      returning m.id, m.brand_id, m.assignee_id, m.text
    ),
    history as (
      insert into mention_status_changes (mention_id, brand_id, from_status, to_status, user_id)
      select id, brand_id, 'pending', 'open', null from changed
    )
    select * from changed`.execute(db);
  return rows;
}
