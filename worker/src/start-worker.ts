import type { Runtime } from '@earshot/db';
import { handleAnalyzeMentions } from './jobs/analyze-mentions.handler.ts';

export interface WorkerRole {
  stop(): Promise<void>;
}

/** Starts the worker role: consumes analyze jobs until stopped. */
export function startWorker(runtime: Runtime, options: { concurrency?: number } = {}): WorkerRole {
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
  return {
    async stop() {
      await worker.close();
    },
  };
}
