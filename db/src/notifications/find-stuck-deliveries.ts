import { sql } from 'kysely';
import type { Database } from '../client.ts';

export interface StuckDeliveries {
  /** Single deliveries (pending or sending) whose job may be lost: queue deliver-notification again. */
  deliveryIds: string[];
  /** Held or digest deliveries past their release: queue that channel's digest again. */
  digests: { channelId: string; releaseAt: Date }[];
}

/**
 * Deliveries unfinished and untouched for `olderThanMs` — their job was lost with Redis, or
 * ran out of attempts while the row stayed unfinished (a crash between two writes). Held
 * rows count only once their release time is that far past. Served by the partial index
 * `notification_deliveries_unfinished_idx`.
 */
export async function findStuckDeliveries(
  db: Database,
  olderThanMs: number,
  limit: number,
): Promise<StuckDeliveries> {
  const cutoff = sql<Date>`now() - ${`${olderThanMs} milliseconds`}::interval`;
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['id', 'channel_id', 'state', 'digest_id', 'release_at'])
    .where('state', 'in', ['pending', 'sending', 'held'])
    .where('updated_at', '<', cutoff)
    .where((eb) => eb.or([eb('state', '!=', 'held'), eb('release_at', '<', cutoff)]))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  const deliveryIds: string[] = [];
  const digests = new Map<string, { channelId: string; releaseAt: Date }>();
  for (const row of rows) {
    if (row.state === 'held' || row.digest_id !== null) {
      // A held row always has its release time; the digest job collects every held row due.
      const releaseAt = row.release_at ?? new Date(0);
      digests.set(`${row.channel_id}-${releaseAt.getTime()}`, {
        channelId: row.channel_id,
        releaseAt,
      });
    } else {
      deliveryIds.push(row.id);
    }
  }
  return { deliveryIds, digests: [...digests.values()] };
}
