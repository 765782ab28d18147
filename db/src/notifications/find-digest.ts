import type { DeliveryState, NotificationDelivery } from '../schema.ts';
import { parseNotificationRow, type Notification } from './notification-types.ts';
import type { Database } from '../client.ts';

/**
 * The deliveries that went (or go) out as digest `digestId`, oldest first, each with its
 * notification. Served by `notification_deliveries_digest_idx`.
 */
export async function findDigest(
  db: Database,
  digestId: string,
): Promise<{ delivery: NotificationDelivery; notification: Notification }[]> {
  const rows = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .selectAll('d')
    .select([
      'n.brand_id',
      'n.kind',
      'n.source_id',
      'n.severity',
      'n.title',
      'n.text',
      'n.details',
      'n.link_path',
      'n.attachment',
      'n.created_at as n_created_at',
    ])
    .where('d.digest_id', '=', digestId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    delivery: {
      id: r.id,
      notification_id: r.notification_id,
      channel_id: r.channel_id,
      state: r.state as DeliveryState,
      attempts: r.attempts,
      last_error: r.last_error,
      response_status: r.response_status,
      release_at: r.release_at,
      digest_id: r.digest_id,
      created_at: r.created_at,
      updated_at: r.updated_at,
      delivered_at: r.delivered_at,
    },
    notification: parseNotificationRow({
      id: r.notification_id,
      brand_id: r.brand_id,
      kind: r.kind,
      source_id: r.source_id,
      severity: r.severity,
      title: r.title,
      text: r.text,
      details: r.details,
      link_path: r.link_path,
      attachment: r.attachment,
      created_at: r.n_created_at,
    }),
  }));
}
