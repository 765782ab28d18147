import { findStuckDeliveries, type JobKey, type JobPayload, type Runtime } from '@earshot/db';
import { jobs } from '@earshot/db';

/**
 * Re-queues deliveries whose job is gone (Redis lost it, or it failed while the row stayed
 * unfinished): single deliveries get their deliver-notification job again, held and digest
 * rows their channel's digest job. Jobs that exist (waiting, delayed for backoff, active)
 * are left alone. PostgreSQL is the record, so a Redis restart delays a notification, never
 * loses it.
 */
export async function sweepDeliveries(
  runtime: Runtime,
  options: { olderThanMs: number; limit?: number },
): Promise<{ deliveries: number; digests: number }> {
  const stuck = await findStuckDeliveries(runtime.db, options.olderThanMs, options.limit ?? 500);
  let deliveries = 0;
  for (const deliveryId of stuck.deliveryIds) {
    if (await revive(runtime, 'deliverNotification', { deliveryId })) deliveries++;
  }
  let digests = 0;
  for (const digest of stuck.digests) {
    if (
      await revive(runtime, 'deliverDigest', {
        channelId: digest.channelId,
        releaseAt: digest.releaseAt.getTime(),
      })
    )
      digests++;
  }
  return { deliveries, digests };
}

async function revive<K extends 'deliverNotification' | 'deliverDigest'>(
  runtime: Runtime,
  key: K,
  payload: JobPayload<K>,
): Promise<boolean> {
  const jobId = (jobs[key].jobId as (p: JobPayload<K>) => string)(payload);
  const queue = runtime.bus.queue(key as JobKey);
  const job = await queue.getJob(jobId);
  if (job) {
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed');
      return true;
    }
    if (state !== 'completed' && state !== 'unknown') return false;
    await job.remove();
  }
  await runtime.bus.enqueue(key, payload);
  return true;
}
