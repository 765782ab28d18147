import type { NotificationSeverity } from '../schema.ts';
import {
  NotificationAttachmentSchema,
  NotificationDetailsSchema,
  parseNotificationRow,
  type Notification,
  type NotificationAttachment,
  type NotificationDetails,
} from './notification-types.ts';
import type { Database } from '../client.ts';

export interface NewNotification {
  /** Null: about the install, not one brand; only channels for every brand receive it. */
  brandId: string | null;
  /** What it is about, e.g. 'spike', 'sla', 'report'. */
  kind: string;
  /** The alert, incident or report it is about: `listSourceDeliveries` finds its deliveries by it. */
  sourceId?: string | null;
  severity: NotificationSeverity;
  title: string;
  text: string;
  details?: NotificationDetails;
  /** Dashboard path such as `/inbox?incident=…`. */
  linkPath?: string | null;
  attachment?: NotificationAttachment | null;
  /** Only these channels (e.g. a rule's own), still subject to brand, severity and enabled; default every channel that applies. */
  channelIds?: string[];
}

export interface QueuedDelivery {
  id: string;
  notificationId: string;
  channelId: string;
}

/**
 * Stores a notification and one pending delivery per channel that applies (enabled, for its
 * brand or every brand, and wanting its severity). Call it in the transaction that decided to
 * notify, and after commit pass the deliveries to `queueNotificationDeliveries`; a crash in
 * between leaves pending rows that the delivery sweeper queues. Returns the notification and
 * its deliveries (none when no channel applies). Channels: `notification_channels_brand_idx`.
 */
export async function insertNotification(
  trx: Database,
  input: NewNotification,
): Promise<{ notification: Notification; deliveries: QueuedDelivery[] }> {
  const details = NotificationDetailsSchema.parse(input.details ?? {});
  const attachment = input.attachment ? NotificationAttachmentSchema.parse(input.attachment) : null;
  const row = await trx
    .insertInto('notifications')
    .values({
      brand_id: input.brandId,
      kind: input.kind,
      source_id: input.sourceId ?? null,
      severity: input.severity,
      title: input.title,
      text: input.text,
      details: JSON.stringify(details),
      link_path: input.linkPath ?? null,
      attachment: attachment ? JSON.stringify(attachment) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  let channels = trx
    .selectFrom('notification_channels')
    .select('id')
    .where('enabled', '=', true)
    .where((eb) =>
      input.brandId === null
        ? eb('brand_id', 'is', null)
        : eb.or([eb('brand_id', 'is', null), eb('brand_id', '=', input.brandId)]),
    );
  if (input.severity === 'low') channels = channels.where('min_severity', '=', 'low');
  if (input.channelIds !== undefined) {
    if (input.channelIds.length === 0)
      return { notification: parseNotificationRow(row), deliveries: [] };
    channels = channels.where('id', 'in', input.channelIds);
  }
  const channelIds = (await channels.execute()).map((c) => c.id);
  const deliveries =
    channelIds.length === 0
      ? []
      : await trx
          .insertInto('notification_deliveries')
          .values(
            channelIds.map((channelId) => ({ notification_id: row.id, channel_id: channelId })),
          )
          .returning(['id', 'notification_id', 'channel_id'])
          .execute();
  return {
    notification: parseNotificationRow(row),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      notificationId: d.notification_id,
      channelId: d.channel_id,
    })),
  };
}
