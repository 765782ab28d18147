import type { MentionStatus } from '../schema.ts';
import type { Database } from '../client.ts';

export interface StatusChangeRow {
  from_status: MentionStatus;
  to_status: MentionStatus;
  user_name: string | null;
  follow_up_at: Date | null;
  at: Date;
}

/** A mention's status history, oldest first. Served by `mention_status_changes_mention_idx`. */
export async function listStatusChanges(db: Database, mentionId: string): Promise<StatusChangeRow[]> {
  return db
    .selectFrom('mention_status_changes as c')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.from_status', 'c.to_status', 'u.name as user_name', 'c.follow_up_at', 'c.at'])
    .where('c.mention_id', '=', mentionId)
    .orderBy('c.at')
    .orderBy('c.id')
    .execute();
}
