import { parseChannelRow, type NotificationChannel } from './notification-types.ts';
import type { Database } from '../client.ts';

/** The channel, parsed, or undefined. Primary key. */
export async function findNotificationChannel(
  db: Database,
  id: string,
): Promise<NotificationChannel | undefined> {
  const row = await db
    .selectFrom('notification_channels')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? parseChannelRow(row) : undefined;
}
