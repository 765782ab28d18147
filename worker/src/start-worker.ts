import { listBrandsNeedingTraining, type Runtime } from '@earshot/db';
import { getDefaultModel } from './analysis/index.ts';
import { brandModelsOf, handleAnalyzeMentions } from './jobs/analyze-mentions.handler.ts';
import { handleTrainBrandModel } from './jobs/train-brand-model.handler.ts';
import { startDelivery, type DeliveryOptions } from './delivery/index.ts';

export interface WorkerRole {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** Analyze jobs at once (default 4). */
  concurrency?: number;
  /** How often to look for brands with corrections their brand model has not learnt (default 30 s). */
  brandModelCheckMs?: number;
  /** How long the analyze stage keeps using a brand model before checking for a newer one (default 10 s). */
  brandModelTtlMs?: number;
  /** Email and webhook delivery of notifications (worker/src/delivery). */
  delivery?: DeliveryOptions;
}

/**
 * Starts the worker role: consumes analyze jobs, delivers notifications, and keeps each brand's sentiment overlay
 * trained on its agents' corrections (a check every `brandModelCheckMs` queues training for
 * brands with new corrections, or whose overlay was made for an older shared model).
 */
export function startWorker(runtime: Runtime, options: WorkerOptions = {}): WorkerRole {
  brandModelsOf(runtime, options.brandModelTtlMs);
  const worker = runtime.bus.consume(
    'analyzeMentions',
    async (payload) => {
      await handleAnalyzeMentions(runtime, payload);
    },
    { concurrency: options.concurrency ?? 4 },
  );
  worker.on('failed', (job, error) => {
    runtime.logger.warn('analyze job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: error.message });
  });
  // Training is CPU work in this thread: one at a time keeps analyze jobs flowing beside it.
  const trainer = runtime.bus.consume(
    'trainBrandModel',
    async (payload) => {
      await handleTrainBrandModel(runtime, payload);
    },
    { concurrency: 1 },
  );
  trainer.on('failed', (job, error) => {
    runtime.logger.warn('brand model training failed', { jobId: job?.id, attempt: job?.attemptsMade, error: error.message });
  });

  const delivery = startDelivery(runtime, options.delivery);

  const fingerprint = getDefaultModel().fingerprint;
  let checking: Promise<void> = Promise.resolve();
  const check = () => {
    checking = (async () => {
      try {
        for (const brand of await listBrandsNeedingTraining(runtime.db, fingerprint)) {
          // The basis names the state, so every worker asking about it queues one job.
          await runtime.bus.enqueue('trainBrandModel', { brandId: brand.brandId, basis: `${fingerprint}-${brand.latestCorrectionAt.getTime()}` });
        }
      } catch (error) {
        runtime.logger.warn('brand model check failed; retrying at the next check', { error: (error as Error).message });
      }
    })();
  };
  check();
  const timer = setInterval(check, options.brandModelCheckMs ?? 30_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await checking;
      await Promise.all([worker.close(), trainer.close(), delivery.stop()]);
    },
  };
}
