import { syncStreamFailureAlerts, type Runtime } from '@earshot/db';
import type { CollectorDeps } from './deps.ts';
import type { AdapterRegistry } from './platforms/registry.ts';
import { handlePollStream } from './poll/poll-stream.handler.ts';
import { syncPollSchedulers } from './poll/sync-poll-schedulers.ts';
import { handlePublishReply } from './publish/publish-reply.handler.ts';
import { sweepOutboxes } from './sweep-outboxes.ts';

export interface CollectorsOptions {
  /** With `refresh`, re-read on every sync so saved credentials apply without a restart. */
  adapters: AdapterRegistry & { refresh?(): Promise<void> };
  /** A stream failing this long raises an in-app alert. */
  alertAfterMs?: number;
  /** How often schedulers are re-synced with the streams table. */
  syncIntervalMs?: number;
  /** How often, and after how long, lost jobs are re-queued. */
  sweepIntervalMs?: number;
  stuckAfterMs?: number;
  /** Streams polled at once by this process (default POLL_CONCURRENCY). */
  pollConcurrency?: number;
  /** A publish job's lock (default 10 s): a dead publisher's job is taken over within 1.5× this. */
  lockMs?: number;
}

/**
 * A poll spends its time waiting for a platform, not computing, and a platform can answer a
 * stream slowly (10 s a request, or a timeout of 30 s): with few slots, a handful of slow
 * streams would hold all of them and every other stream would go stale
 * (tests/faults/slow-platform.test.ts).
 */
export const POLL_CONCURRENCY = 32;

export interface CollectorsRole {
  /** Re-reads the streams table now (after a stream was added or changed). */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the collectors role: poll schedulers, poll and publish consumers, the outbox sweeper. */
export async function startCollectors(runtime: Runtime, options: CollectorsOptions): Promise<CollectorsRole> {
  const deps: CollectorDeps = { runtime, adapters: options.adapters };
  const { bus, logger } = runtime;

  const pollWorker = bus.consume(
    'pollStream',
    async (payload) => {
      const outcome = await handlePollStream(deps, payload);
      if (outcome.status === 'polled' && outcome.fetched > 0) logger.debug('polled', { streamId: payload.streamId, ...outcome });
    },
    { concurrency: options.pollConcurrency ?? POLL_CONCURRENCY },
  );
  // A publisher killed mid-send leaves its job stalled; it must come back to be checked.
  // Short locks so a dead publisher's reply is checked within seconds, not minutes.
  const lockMs = options.lockMs ?? 10_000;
  const publishWorker = bus.consume('publishReply', async (payload) => void (await handlePublishReply(deps, payload)), {
    maxStalledCount: 20,
    lockDuration: lockMs,
    stalledInterval: lockMs / 2,
  });
  publishWorker.on('failed', (job, error) => logger.warn('publish attempt failed', { jobId: job?.id, error: error.message }));

  const sync = async () => {
    try {
      await options.adapters.refresh?.();
      await syncPollSchedulers(deps);
      if ((await syncStreamFailureAlerts(runtime.db, options.alertAfterMs ?? 15 * 60_000)) > 0) {
        await bus.publishMentionEvent({ type: 'alerts.changed' });
      }
    } catch (error) {
      logger.warn('could not sync poll schedulers; will retry', { error: (error as Error).message });
    }
  };
  const sweep = async () => {
    try {
      const swept = await sweepOutboxes(deps, { olderThanMs: options.stuckAfterMs ?? 2 * 60_000 });
      if (swept.pages + swept.replies > 0) logger.info('re-queued lost jobs', swept);
    } catch (error) {
      logger.warn('outbox sweep failed; will retry', { error: (error as Error).message });
    }
  };
  await sync();
  const timers = [
    setInterval(() => void sync(), options.syncIntervalMs ?? 10_000),
    setInterval(() => void sweep(), options.sweepIntervalMs ?? Math.min(30_000, options.stuckAfterMs ?? 30_000)),
  ];
  return {
    sync,
    async stop() {
      timers.forEach(clearInterval);
      await Promise.all([pollWorker.close(), publishWorker.close()]);
    },
  };
}
