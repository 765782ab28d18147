import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Moves a channel's held deliveries due by `releasedBy` to `sending` as one digest, whose id
 * is the id of its oldest delivery (the idempotency key its receivers see), and counts an
 * attempt on each. Returns the digest id, or undefined when nothing was due. Rows another
 * process is claiming are skipped. Served by `notification_deliveries_held_idx`.
 */
export async function claimHeldDeliveries(
  db: Database,
  channelId: string,
  releasedBy: Date,
): Promise<string | undefined> {
  const result = await sql<{ digest_id: string }>`
    with held as (
      select id, created_at from notification_deliveries
      where channel_id = ${channelId} and state = 'held' and release_at <= ${releasedBy}
      order by created_at, id
      for update skip locked
    ), leader as (select id from held order by created_at, id limit 1)
    update notification_deliveries d
    set state = 'sending', digest_id = (select id from leader), attempts = d.attempts + 1, updated_at = now()
    from held where d.id = held.id
    returning d.digest_id`.execute(db);
  return result.rows[0]?.digest_id;
}
