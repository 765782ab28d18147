import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Stores the holding reply as one `queued` reply per grouped mention that has none yet, in one
 * statement, with the key `holdingReplyKey(incident, mention)`: a second click, a retried
 * request or a concurrent one creates nothing more (unique idempotency_key). Mentions already
 * answered or closed are left out: they have their answer. Remembers the text on the incident.
 * Returns the replies created (to be queued for publishing). Served by the incident_mentions
 * primary key and `replies_idempotency_key_key`.
 */
export async function insertIncidentHoldingReplies(
  db: Database,
  input: { incidentId: string; userId: string; text: string },
): Promise<{ id: string; mention_id: string }[]> {
  await db
    .updateTable('incidents')
    .set({ holding_text: input.text, updated_at: sql<Date>`now()` })
    .where('id', '=', input.incidentId)
    .execute();
  const rows = await sql<{ id: string; mention_id: string }>`
    insert into replies (mention_id, user_id, text, idempotency_key)
    select im.mention_id, ${input.userId}::uuid, ${input.text},
      'incident-' || im.incident_id || '-' || im.mention_id
    from incident_mentions im
    join mentions m on m.id = im.mention_id
    where im.incident_id = ${input.incidentId} and m.status = 'open'
    order by im.joined_at, im.mention_id
    on conflict (idempotency_key) do nothing
    returning id, mention_id`.execute(db);
  return rows.rows;
}
