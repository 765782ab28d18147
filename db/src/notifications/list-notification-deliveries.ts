import type { NotificationChannelKind, NotificationDelivery } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

export type DeliveryLogEntry = NotificationDelivery & {
  channel_name: string;
  channel_kind: NotificationChannelKind;
};

/**
 * The delivery log of one notification: each channel it went to, with state, attempts, last
 * error and response status; nothing when its brand is outside `scope`. Served by the unique index on (notification_id, channel_id).
 */
export async function listNotificationDeliveries(
  db: Database,
  notificationId: string,
  scope: BrandScope,
): Promise<DeliveryLogEntry[]> {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_channels as c', 'c.id', 'd.channel_id')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .where(brandScopeSql(scope, 'n.brand_id'))
    .selectAll('d')
    .select(['c.name as channel_name', 'c.kind as channel_kind'])
    .where('d.notification_id', '=', notificationId)
    .orderBy('c.name')
    .execute();
}
