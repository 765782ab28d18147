import type { NotificationDelivery } from '../schema.ts';
import {
  parseChannelRow,
  parseNotificationRow,
  type Notification,
  type NotificationChannel,
} from './notification-types.ts';
import type { Database } from '../client.ts';

export interface DeliveryToSend {
  delivery: NotificationDelivery;
  notification: Notification;
  channel: NotificationChannel;
}

/** A delivery with its notification and channel, parsed; undefined when any is gone. Primary keys. */
export async function findDeliveryToSend(
  db: Database,
  id: string,
): Promise<DeliveryToSend | undefined> {
  const delivery = await db
    .selectFrom('notification_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!delivery) return undefined;
  const [notification, channel] = await Promise.all([
    db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', delivery.notification_id)
      .executeTakeFirst(),
    db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', delivery.channel_id)
      .executeTakeFirst(),
  ]);
  if (!notification || !channel) return undefined;
  return {
    delivery,
    notification: parseNotificationRow(notification),
    channel: parseChannelRow(channel),
  };
}
