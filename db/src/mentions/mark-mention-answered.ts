import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Marks an open or pending mention answered (first answer wins) and records the change as made
 * by the reply's sender (`userId`; null for the system). Primary key lookup.
 */
export async function markMentionAnswered(
  db: Database,
  mentionId: string,
  at: Date,
  userId: string | null = null,
): Promise<void> {
  await sql`
    with target as (select id, brand_id, status from mentions where id = ${mentionId} and status in ('open', 'pending') for update),
    changed as (
      update mentions m set status = 'answered', answered_at = ${at}, follow_up_at = null
      from target t where m.id = t.id returning m.id, m.brand_id, t.status as from_status
    )
    insert into mention_status_changes (mention_id, brand_id, from_status, to_status, user_id, at)
    select id, brand_id, from_status, 'answered', ${userId}, ${at} from changed`.execute(db);
}
