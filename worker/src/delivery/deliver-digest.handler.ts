import { sql } from 'kysely';
import {
  claimHeldDeliveries,
  findDigest,
  findNotificationChannel,
  listSendingDigests,
  transitionDigest,
  UnrecoverableError,
  type JobPayload,
  type NotificationChannel,
} from '@earshot/db';
import type { Job } from 'bullmq';
import type { DeliveryDeps } from './delivery-deps.ts';
import { DeliveryError } from './send-webhook.ts';
import { sendOutgoing, type SendResult } from './send-outgoing.ts';

/**
 * Sends a channel's quiet-hours digest: the low-severity notifications held until
 * `releaseAt`, as one message under the digest's id. One process at a time per channel (a
 * transaction-scoped advisory lock, released if the process dies), so a digest still in
 * `sending` when the lock is taken was interrupted and is sent again under the same id.
 * Returns how many digests were sent.
 */
export async function handleDeliverDigest(
  deps: DeliveryDeps,
  payload: JobPayload<'deliverDigest'>,
  job?: Pick<Job, 'attemptsMade' | 'opts'>,
): Promise<number> {
  const { db } = deps.runtime;
  const channel = await findNotificationChannel(db, payload.channelId);
  if (!channel) return 0;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(hashtext(${`earshot-digest-${channel.id}`})) as locked`.execute(
      trx,
    );
    if (!rows[0]?.locked)
      throw new Error("Another process is sending this channel's digest; trying again shortly.");
    // Writes go through `db`, not the lock's transaction, so each state change is durable at once.
    let sent = 0;
    for (const digestId of await listSendingDigests(db, channel.id)) {
      await transitionDigest(db, digestId, ['sending'], 'sending', { countAttempt: true });
      await sendDigest(deps, channel, digestId, job);
      sent++;
    }
    const releasedBy = new Date(
      Math.max(payload.releaseAt, (deps.now?.() ?? new Date()).getTime()),
    );
    const digestId = await claimHeldDeliveries(db, channel.id, releasedBy);
    if (digestId && !channel.enabled) {
      await transitionDigest(db, digestId, ['sending'], 'failed', {
        error: 'The channel was disabled before its quiet-hours digest went out.',
      });
    } else if (digestId) {
      await sendDigest(deps, channel, digestId, job);
      sent++;
    }
    return sent;
  });
}

async function sendDigest(
  deps: DeliveryDeps,
  channel: NotificationChannel,
  digestId: string,
  job?: Pick<Job, 'attemptsMade' | 'opts'>,
): Promise<void> {
  const { db } = deps.runtime;
  const items = (await findDigest(db, digestId)).filter((i) => i.delivery.state === 'sending');
  if (items.length === 0) return;
  let sent: SendResult;
  try {
    sent = await sendOutgoing(deps, channel, {
      deliveryId: digestId,
      notifications: items.map((i) => i.notification),
      digest: items.length > 1,
    });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError((error as Error).message, false);
    const lastAttempt =
      failure.permanent || !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // Left in `sending` to be retried: the retry sends the same digest under the same id.
    await transitionDigest(db, digestId, ['sending'], lastAttempt ? 'failed' : 'sending', {
      error: failure.message,
      responseStatus: failure.responseStatus,
    });
    if (failure.permanent) throw new UnrecoverableError(failure.message);
    throw failure;
  }
  await transitionDigest(db, digestId, ['sending'], 'delivered', {
    responseStatus: sent.status,
    ...(sent.note ? { error: sent.note } : {}),
  });
}
