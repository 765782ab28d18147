import type { DeliveryLogEntry } from './list-notification-deliveries.ts';
import type { Database } from '../client.ts';

export type SourceDeliveryLogEntry = DeliveryLogEntry & {
  title: string;
  notification_created_at: Date;
};

/**
 * The delivery log of everything notified about one source (an alert's opening and each
 * update, a report), newest notification first, each channel's delivery with it. Served by
 * `notifications_source_idx` and the deliveries' unique (notification_id, channel_id) index.
 */
export async function listSourceDeliveries(
  db: Database,
  kind: string,
  sourceId: string,
): Promise<SourceDeliveryLogEntry[]> {
  return db
    .selectFrom('notifications as n')
    .innerJoin('notification_deliveries as d', 'd.notification_id', 'n.id')
    .innerJoin('notification_channels as c', 'c.id', 'd.channel_id')
    .selectAll('d')
    .select([
      'c.name as channel_name',
      'c.kind as channel_kind',
      'n.title',
      'n.created_at as notification_created_at',
    ])
    .where('n.kind', '=', kind)
    .where('n.source_id', '=', sourceId)
    .orderBy('n.created_at', 'desc')
    .orderBy('c.name')
    .execute();
}
