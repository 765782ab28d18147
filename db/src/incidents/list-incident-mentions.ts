import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { MentionStatus, ReplyState } from '../schema.ts';

export interface IncidentMentionRow {
  id: string;
  platform: string;
  author_handle: string;
  text: string;
  url: string | null;
  posted_at: Date;
  status: MentionStatus;
  joined_at: Date;
  /** The holding reply to this mention, if one was sent. */
  reply_state: ReplyState | null;
  reply_url: string | null;
  reply_error: string | null;
}

/**
 * An incident's grouped mentions, those that joined last first, at most `limit`, each with the
 * state of its holding reply. Served by the incident_mentions primary key and
 * `replies_idempotency_key_key`.
 */
export async function listIncidentMentions(db: Database, incidentId: string, limit: number): Promise<IncidentMentionRow[]> {
  const rows = await sql<IncidentMentionRow>`
    select m.id, m.platform, m.author_handle, m.text, m.url, m.posted_at, m.status, im.joined_at,
      r.state as reply_state, r.url as reply_url, r.error as reply_error
    from incident_mentions im
    join mentions m on m.id = im.mention_id
    left join replies r on r.idempotency_key = 'incident-' || im.incident_id || '-' || im.mention_id
    where im.incident_id = ${incidentId}
    order by im.joined_at desc, m.posted_at desc, m.id
    limit ${limit}`.execute(db);
  return rows.rows;
}
