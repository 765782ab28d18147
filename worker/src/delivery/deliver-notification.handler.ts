import {
  findDeliveryToSend,
  transitionDelivery,
  UnrecoverableError,
  type JobPayload,
} from '@earshot/db';
import type { Job } from 'bullmq';
import type { DeliveryDeps } from './delivery-deps.ts';
import { quietHoursEnd } from './quiet-hours.ts';
import { DeliveryError } from './send-webhook.ts';
import { sendOutgoing, type SendResult } from './send-outgoing.ts';

export type DeliverOutcome = 'delivered' | 'already-done' | 'held' | 'in-digest' | 'taken' | 'gone';

/**
 * Delivers one notification to one channel. The delivery row is the lock: only the job that
 * moves it from `pending` to `sending` sends. A row found in `sending` was interrupted (the
 * process died between sending and storing the answer), so it is sent again with the same
 * delivery id, which receivers dedupe by. A low-severity notification inside the channel's
 * quiet hours is held for the digest at their end. Throws to have BullMQ retry with backoff;
 * on the last attempt, or a refusal no retry can change, the row is marked failed.
 */
export async function handleDeliverNotification(
  deps: DeliveryDeps,
  payload: JobPayload<'deliverNotification'>,
  job?: Pick<Job, 'attemptsMade' | 'opts'>,
): Promise<DeliverOutcome> {
  const { db, bus, logger } = deps.runtime;
  const found = await findDeliveryToSend(db, payload.deliveryId);
  if (!found) return 'gone';
  const { delivery, notification, channel } = found;
  if (delivery.state === 'delivered' || delivery.state === 'failed') return 'already-done';
  // Digests are sent by the channel's digest job, under the digest's own id.
  if (delivery.digest_id !== null) return 'in-digest';
  if (delivery.state === 'held') {
    await bus.enqueue(
      'deliverDigest',
      { channelId: channel.id, releaseAt: delivery.release_at!.getTime() },
      { delay: delayUntil(deps, delivery.release_at!) },
    );
    return 'held';
  }

  if (delivery.state === 'pending') {
    if (!channel.enabled) {
      await transitionDelivery(db, delivery.id, ['pending'], 'failed', {
        error: 'The channel was disabled before this notification went out.',
      });
      return 'already-done';
    }
    const quietEnd =
      notification.severity === 'low' && channel.quiet_hours
        ? quietHoursEnd(channel.quiet_hours, now(deps))
        : undefined;
    if (quietEnd) {
      const held = await transitionDelivery(db, delivery.id, ['pending'], 'held', {
        releaseAt: quietEnd,
      });
      if (!held) return 'taken';
      await bus.enqueue(
        'deliverDigest',
        { channelId: channel.id, releaseAt: quietEnd.getTime() },
        { delay: delayUntil(deps, quietEnd) },
      );
      return 'held';
    }
    const claimed = await transitionDelivery(db, delivery.id, ['pending'], 'sending', {
      countAttempt: true,
    });
    if (!claimed) return 'taken';
  } else {
    // `sending`: a process died mid-send. Sending again under the same id is the only way to
    // know it arrived; receivers that dedupe by Earshot-Delivery-Id see it once.
    await transitionDelivery(db, delivery.id, ['sending'], 'sending', {
      countAttempt: true,
      error:
        'The previous send was interrupted before its answer was stored; sent again with the same delivery id.',
    });
    logger.info('re-sending an interrupted delivery', {
      deliveryId: delivery.id,
      channelId: channel.id,
    });
  }

  let sent: SendResult;
  try {
    sent = await sendOutgoing(deps, channel, {
      deliveryId: delivery.id,
      notifications: [notification],
      digest: false,
    });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError((error as Error).message, false);
    const lastAttempt =
      failure.permanent || !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await transitionDelivery(db, delivery.id, ['sending'], lastAttempt ? 'failed' : 'pending', {
      error:
        lastAttempt && !failure.permanent
          ? `Gave up after ${(job?.attemptsMade ?? 0) + 1} attempts: ${failure.message}`
          : failure.message,
      responseStatus: failure.responseStatus,
    });
    if (failure.permanent) throw new UnrecoverableError(failure.message);
    throw failure;
  }
  await transitionDelivery(db, delivery.id, ['sending'], 'delivered', {
    responseStatus: sent.status,
    ...(sent.note ? { error: sent.note } : {}),
  });
  return 'delivered';
}

function now(deps: DeliveryDeps): Date {
  return deps.now?.() ?? new Date();
}

function delayUntil(deps: DeliveryDeps, at: Date): number {
  return Math.max(0, at.getTime() - now(deps).getTime());
}
