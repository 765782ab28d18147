import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface IncidentProgress {
  /** Mentions grouped in the incident. */
  mentions: number;
  /** Holding replies posted, waiting or being posted (queued, sending, or unknown while checked), failed. */
  sent: number;
  pending: number;
  failed: number;
  /** Open grouped mentions with no holding reply yet (joined since the last send). */
  unsent: number;
}

/**
 * Where an incident's holding reply stands, counted over its grouped mentions and their replies
 * with its key. Served by the incident_mentions primary key and `replies_idempotency_key_key`.
 */
export async function countIncidentProgress(db: Database, incidentId: string): Promise<IncidentProgress> {
  const row = await sql<{ mentions: number; sent: number; pending: number; failed: number; unsent: number }>`
    select count(*)::int as mentions,
      count(*) filter (where r.state = 'sent')::int as sent,
      count(*) filter (where r.state in ('queued', 'sending', 'unknown'))::int as pending,
      count(*) filter (where r.state = 'failed')::int as failed,
      count(*) filter (where r.id is null and m.status = 'open')::int as unsent
    from incident_mentions im
    join mentions m on m.id = im.mention_id
    left join replies r on r.idempotency_key = 'incident-' || im.incident_id || '-' || im.mention_id
    where im.incident_id = ${incidentId}`.execute(db);
  return row.rows[0] ?? { mentions: 0, sent: 0, pending: 0, failed: 0, unsent: 0 };
}
