import type { Kysely } from 'kysely';
import type { DB, Intent, Mention, Priority, Sentiment } from '../schema.ts';

/** The classification columns an agent may change, and what follows from them. */
export interface MentionLabelsPatch {
  sentiment?: Sentiment;
  intent?: Intent;
  is_spam?: boolean;
  priority?: Priority;
  priority_reason?: string;
  sla_due_at?: Date;
}

/** Changes a mention's classification; returns the updated row, or undefined if it is gone. Primary key. */
export async function updateMentionLabels(db: Kysely<DB>, id: string, patch: MentionLabelsPatch): Promise<Mention | undefined> {
  if (Object.keys(patch).length === 0) {
    return db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
  }
  return db.updateTable('mentions').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}
