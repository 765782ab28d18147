import type { Database } from '../client.ts';

/**
 * Ids of a channel's digests still in `sending`: claimed by a process that died (or is still
 * sending). Served by `notification_deliveries_unfinished_idx` (a small set).
 */
export async function listSendingDigests(
  db: Database,
  channelId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select('digest_id')
    .distinct()
    .where('channel_id', '=', channelId)
    .where('state', '=', 'sending')
    .where('digest_id', 'is not', null)
    .execute();
  return rows.map((r) => r.digest_id!);
}
