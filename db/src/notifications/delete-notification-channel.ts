import type { Database } from '../client.ts';

/** Deletes a channel and, by cascade, its delivery log; returns whether it existed. Primary key. */
export async function deleteNotificationChannel(
  db: Database,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('notification_channels')
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
