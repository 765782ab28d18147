import type { CredentialBox, Runtime } from '@earshot/db';
import { handleDeliverDigest } from './deliver-digest.handler.ts';
import { handleDeliverNotification } from './deliver-notification.handler.ts';
import { handleSendPasswordReset } from './send-password-reset.handler.ts';
import type { AttachmentResolver, DeliveryDeps } from './delivery-deps.ts';
import { createMailer, type MailSettings } from './mailer.ts';
import { sweepDeliveries } from './sweep-deliveries.ts';

export interface DeliveryOptions {
  /** SMTP settings; absent, email deliveries fail with "Email is not configured". */
  mail?: MailSettings | undefined;
  credentialBox?: CredentialBox | undefined;
  publicUrl?: string | undefined;
  /** How long a webhook may take to answer (default 10 s). */
  webhookTimeoutMs?: number;
  /** Deliveries unfinished this long with no job are queued again (default 2 min), checked every `sweepIntervalMs`. */
  requeueAfterMs?: number;
  sweepIntervalMs?: number;
  attachmentResolvers?: DeliveryDeps['attachmentResolvers'];
  /** A delivery job's lock (default 10 s): a dead worker's job is taken over within 1.5× this. */
  lockMs?: number;
  /** Deliveries sent at once per process (default 8: the work is waiting on the network). */
  concurrency?: number;
  /** Tests only: the clock quiet hours are judged by. */
  now?: () => Date;
}

export interface DeliveryRole {
  stop(): Promise<void>;
}

export type { AttachmentResolver };

/** Consumes deliver-notification and deliver-digest jobs, and sweeps for deliveries whose job was lost. */
export function startDelivery(runtime: Runtime, options: DeliveryOptions = {}): DeliveryRole {
  const mailer = options.mail ? createMailer(options.mail) : null;
  const deps: DeliveryDeps = {
    runtime,
    mailer,
    credentialBox: options.credentialBox,
    publicUrl: options.publicUrl,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    attachmentResolvers: options.attachmentResolvers,
    ...(options.now ? { now: options.now } : {}),
  };
  const { bus, logger } = runtime;
  // A worker killed mid-send leaves its job stalled; short locks bring it back within seconds
  // to be re-sent under the same delivery id.
  const lockMs = options.lockMs ?? 10_000;
  const stallOptions = { maxStalledCount: 20, lockDuration: lockMs, stalledInterval: lockMs / 2 };
  const deliverer = bus.consume(
    'deliverNotification',
    async (payload, job) => void (await handleDeliverNotification(deps, payload, job)),
    {
      concurrency: options.concurrency ?? 8,
      ...stallOptions,
    },
  );
  deliverer.on('failed', (job, error) =>
    logger.warn('notification delivery attempt failed', {
      jobId: job?.id,
      attempt: job?.attemptsMade,
      error: error.message,
    }),
  );
  const digester = bus.consume(
    'deliverDigest',
    async (payload, job) => void (await handleDeliverDigest(deps, payload, job)),
    {
      concurrency: 2,
      ...stallOptions,
    },
  );
  digester.on('failed', (job, error) =>
    logger.warn('digest delivery attempt failed', {
      jobId: job?.id,
      attempt: job?.attemptsMade,
      error: error.message,
    }),
  );

  const resetMailer = bus.consume('sendPasswordReset', async (payload) => void (await handleSendPasswordReset({ runtime, mailer, publicUrl: options.publicUrl }, payload)), { concurrency: 2 });
  resetMailer.on('failed', (job, error) =>
    logger.warn('password reset email attempt failed', { jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
  );

  const requeueAfterMs = options.requeueAfterMs ?? 120_000;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = (async () => {
      try {
        const swept = await sweepDeliveries(runtime, { olderThanMs: requeueAfterMs });
        if (swept.deliveries + swept.digests > 0)
          logger.info('re-queued lost delivery jobs', swept);
      } catch (error) {
        logger.warn('delivery sweep failed; will retry', { error: (error as Error).message });
      }
    })();
  };
  const timer = setInterval(sweep, options.sweepIntervalMs ?? Math.min(30_000, requeueAfterMs));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
      await Promise.all([deliverer.close(), digester.close(), resetMailer.close()]);
      mailer?.close();
    },
  };
}
