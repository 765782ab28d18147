import { parseChannelRow, type NotificationChannel } from './notification-types.ts';
import type { Database } from '../client.ts';

/**
 * Channels, oldest first: all of them, or with `brandId` those of that brand plus those for
 * every brand. Served by `notification_channels_brand_idx` (the table is small anyway).
 */
export async function listNotificationChannels(
  db: Database,
  filter: { brandId?: string } = {},
): Promise<NotificationChannel[]> {
  let query = db.selectFrom('notification_channels').selectAll();
  if (filter.brandId !== undefined) {
    const brandId = filter.brandId;
    query = query.where((eb) => eb.or([eb('brand_id', '=', brandId), eb('brand_id', 'is', null)]));
  }
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(parseChannelRow);
}
