import type { NotificationDelivery } from '../schema.ts';
import type { Database } from '../client.ts';

export type ChannelDeliveryEntry = NotificationDelivery & {
  title: string;
  kind: string;
  severity: 'low' | 'high';
};

/**
 * A channel's most recent deliveries, newest first, with what each was about: the channel's
 * delivery history. Served by `notification_deliveries_channel_created_idx`.
 */
export async function listChannelDeliveries(
  db: Database,
  channelId: string,
  limit: number,
): Promise<ChannelDeliveryEntry[]> {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .selectAll('d')
    .select(['n.title', 'n.kind', 'n.severity'])
    .where('d.channel_id', '=', channelId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}
