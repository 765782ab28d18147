import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { parseChannelRow, type NotificationChannel } from './notification-types.ts';

/** The channel, parsed, or undefined. Primary key. */
export async function findNotificationChannel(
  db: Kysely<DB> | Transaction<DB>,
  id: string,
): Promise<NotificationChannel | undefined> {
  const row = await db
    .selectFrom('notification_channels')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? parseChannelRow(row) : undefined;
}
