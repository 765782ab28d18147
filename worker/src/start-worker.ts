import { jobs, listBrandsNeedingTraining, type Runtime } from '@earshot/db';
import { getDefaultModel } from './analysis/index.ts';
import { brandModelsOf, handleAnalyzeMentions } from './jobs/analyze-mentions.handler.ts';
import { handleTrainBrandModel } from './jobs/train-brand-model.handler.ts';
import { handleDetectSpikes } from './jobs/detect-spikes.handler.ts';
import { handleGenerateReport } from './jobs/generate-report.handler.ts';
import { handleWeeklyReport } from './jobs/weekly-report.handler.ts';
import { syncReportSchedulers } from './reports/sync-report-schedulers.ts';
import { resolveReportAttachment } from './reports/resolve-report-attachment.ts';
import { startDelivery, type DeliveryOptions } from './delivery/index.ts';
import { reopenFollowUps } from './inbox/reopen-follow-ups.ts';
import { autoAssign } from './inbox/auto-assign.ts';

/** The one job scheduler firing spike detection: every worker upserts it, Redis keeps one. */
const SPIKE_SCHEDULER = 'detect-spikes-every-minute';

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
  /** Run spike detection every minute (default true). */
  spikeDetection?: boolean;
  /** How often to bring the weekly-report schedulers in line with the brands (default 5 min). */
  reportScheduleSyncMs?: number;
  /** How often to reopen pending mentions whose follow-up time has come and run automatic assignment (default 30 s). */
  followUpCheckMs?: number;
  /** Email and webhook delivery of notifications (worker/src/delivery). */
  delivery?: DeliveryOptions;
}

/**
 * Starts the worker role: consumes analyze jobs, delivers notifications, keeps each brand's
 * sentiment overlay trained on its agents' corrections (a check every `brandModelCheckMs`
 * queues training for brands with new corrections, or whose overlay was made for an older
 * shared model), and runs spike detection once a minute (a job scheduler every worker
 * upserts; one tick at a time).
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

  // Spike detection: one tick a minute for every brand, whichever worker takes the job.
  const detector =
    options.spikeDetection === false
      ? null
      : runtime.bus.consume(
          'detectSpikes',
          async () => {
            await handleDetectSpikes(runtime);
          },
          { concurrency: 1 },
        );
  detector?.on('failed', (job, error) => {
    runtime.logger.warn('spike detection tick failed; the next tick judges the next minute', { jobId: job?.id, error: error.message });
  });
  const scheduling =
    options.spikeDetection === false
      ? Promise.resolve()
      : runtime.bus
          .queue('detectSpikes')
          .upsertJobScheduler(SPIKE_SCHEDULER, { every: 60_000 }, { name: jobs.detectSpikes.name, data: {}, opts: jobs.detectSpikes.options })
          .then(
            () => undefined,
            (error: unknown) => runtime.logger.warn('could not schedule spike detection; restart the worker when Redis is back', { error: (error as Error).message }),
          );

  // Reports: a few seconds of queries each at most; two at once keep one slow brand from blocking the rest.
  const generator = runtime.bus.consume('generateReport', (payload) => handleGenerateReport(runtime, payload), { concurrency: 2 });
  generator.on('failed', (job, error) => {
    runtime.logger.warn('report generation failed', { jobId: job?.id, error: error.message });
  });

  // Weekly reports: one at a time; each reads a brand-week in a few queries.
  const reporter = runtime.bus.consume(
    'weeklyReport',
    async (payload, job) => {
      // The instant the scheduler fired it for, so a late run or a retry reports the same week.
      const prevMillis = (job.opts as { prevMillis?: number }).prevMillis;
      await handleWeeklyReport(runtime, payload, new Date(prevMillis ?? job.timestamp + (job.opts.delay ?? 0)));
    },
    { concurrency: 1 },
  );
  reporter.on('failed', (job, error) => {
    runtime.logger.warn('weekly report failed', { jobId: job?.id, attempt: job?.attemptsMade, error: error.message });
  });
  let syncing: Promise<unknown> = Promise.resolve();
  const syncReports = () => {
    syncing = syncReportSchedulers(runtime).catch((error: unknown) => {
      runtime.logger.warn('weekly report schedule sync failed; retrying at the next sync', { error: (error as Error).message });
    });
  };
  syncReports();
  const reportTimer = setInterval(syncReports, options.reportScheduleSyncMs ?? 300_000);
  reportTimer.unref();
  // The weekly report's PDF is attached by reference and rendered from the stored report when sent.
  const delivery = startDelivery(runtime, {
    ...options.delivery,
    attachmentResolvers: { report: resolveReportAttachment, ...options.delivery?.attachmentResolvers },
  });

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
  // Follow-ups: a short query on a partial index; every worker may run it (rows are claimed).
  let following: Promise<unknown> = Promise.resolve();
  const followUp = () => {
    // Reopened follow-ups come first, so automatic assignment sees them as open.
    following = reopenFollowUps(runtime)
      .then(() => autoAssign(runtime))
      .catch((error: unknown) => {
        runtime.logger.warn('reopening follow-ups or automatic assignment failed; retrying at the next check', { error: (error as Error).message });
      });
  };
  followUp();
  const followUpTimer = setInterval(followUp, options.followUpCheckMs ?? 30_000);
  followUpTimer.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearInterval(reportTimer);
      clearInterval(followUpTimer);
      await Promise.all([checking, syncing, scheduling, following]);
      await Promise.all([worker.close(), trainer.close(), detector?.close(), reporter.close(), generator.close(), delivery.stop()]);
    },
  };
}
