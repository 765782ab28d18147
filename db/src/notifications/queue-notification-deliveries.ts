import type { JobBus } from '../jobs/bus.ts';
import type { QueuedDelivery } from './insert-notification.ts';

/**
 * Queues one deliver-notification job per delivery, after the transaction that stored them
 * has committed (a job must never run before its row exists). The job id is fixed per
 * delivery, so queuing twice — a retried caller, the sweeper — queues once.
 */
export async function queueNotificationDeliveries(
  bus: JobBus,
  deliveries: readonly Pick<QueuedDelivery, 'id'>[],
): Promise<void> {
  for (const delivery of deliveries)
    await bus.enqueue('deliverNotification', { deliveryId: delivery.id });
}
