import { sql } from 'kysely';
import type { DeliveryState, NotificationDelivery } from '../schema.ts';
import type { Database } from '../client.ts';

export interface DeliveryTransitionFields {
  error?: string | null;
  responseStatus?: number | null;
  /** Counts a send attempt (on the move to `sending`). */
  countAttempt?: boolean;
  /** When a held delivery goes out (the end of the channel's quiet hours). */
  releaseAt?: Date;
}

/**
 * Moves a delivery from one of `from` to `to`, atomically: only one process wins a
 * transition, which is what keeps a delivery from being sent twice. Returns the updated row,
 * or undefined if it was not in one of `from`. Primary key.
 */
export async function transitionDelivery(
  db: Database,
  id: string,
  from: DeliveryState[],
  to: DeliveryState,
  fields: DeliveryTransitionFields = {},
): Promise<NotificationDelivery | undefined> {
  return db
    .updateTable('notification_deliveries')
    .set({
      state: to,
      updated_at: sql<Date>`now()`,
      // Delivered clears the last error unless the caller has a note to keep (refused recipients).
      ...(to === 'delivered' ? { delivered_at: sql<Date>`now()`, last_error: null } : {}),
      ...(fields.error !== undefined ? { last_error: fields.error } : {}),
      ...(fields.responseStatus !== undefined ? { response_status: fields.responseStatus } : {}),
      ...(fields.releaseAt !== undefined ? { release_at: fields.releaseAt } : {}),
      ...(fields.countAttempt ? { attempts: sql<number>`attempts + 1` } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .returningAll()
    .executeTakeFirst();
}
