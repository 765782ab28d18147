import { sql } from 'kysely';
import type { DeliveryState } from '../schema.ts';
import type { DeliveryTransitionFields } from './transition-delivery.ts';
import type { Database } from '../client.ts';

/**
 * Moves every delivery of digest `digestId` that is in one of `from` to `to` (compare-and-set,
 * as `transitionDelivery`). Returns how many moved. Served by `notification_deliveries_digest_idx`.
 */
export async function transitionDigest(
  db: Database,
  digestId: string,
  from: DeliveryState[],
  to: DeliveryState,
  fields: Omit<DeliveryTransitionFields, 'releaseAt'> = {},
): Promise<number> {
  const result = await db
    .updateTable('notification_deliveries')
    .set({
      state: to,
      updated_at: sql<Date>`now()`,
      ...(to === 'delivered' ? { delivered_at: sql<Date>`now()`, last_error: null } : {}),
      ...(fields.error !== undefined ? { last_error: fields.error } : {}),
      ...(fields.responseStatus !== undefined ? { response_status: fields.responseStatus } : {}),
      ...(fields.countAttempt ? { attempts: sql<number>`attempts + 1` } : {}),
    })
    .where('digest_id', '=', digestId)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
