import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

/**
 * Every queue and job in Earshot. Producers and consumers both import from here, so a
 * wrong job name or payload is a type error. Payloads carry ids or small facts; the
 * analyze payload carries only the page's id: the page itself waits in `collected_pages`.
 */
export interface JobDefinition<Q extends string, N extends string, S extends z.ZodType> {
  queue: Q;
  name: N;
  schema: S;
  /** Defaults for every add of this job. */
  options: JobsOptions;
  /** A fixed id for effects that must happen once; BullMQ ignores a second add. */
  jobId?: (payload: z.infer<S>) => string;
}

function defineJob<Q extends string, N extends string, S extends z.ZodType>(
  def: JobDefinition<Q, N, S>,
): JobDefinition<Q, N, S> {
  return def;
}

export const jobs = {
  pollStream: defineJob({
    queue: 'poll',
    name: 'poll-stream',
    schema: z.object({ streamId: z.uuid() }),
    // The next scheduled poll is the retry; a failed poll records its error on the stream.
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 500 },
  }),
  analyzeMentions: defineJob({
    queue: 'analyze',
    name: 'analyze-mentions',
    // The page itself waits in PostgreSQL (collected_pages), so losing Redis loses nothing.
    schema: z.object({ pageId: z.uuid() }),
    // Nothing is lost while PostgreSQL blips: retried for about an hour, then swept again.
    options: {
      attempts: 12,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: 1_000,
      removeOnFail: 1_000,
    },
    jobId: (p) => `analyze-${p.pageId}`,
  }),
  publishReply: defineJob({
    queue: 'publish',
    name: 'publish-reply',
    schema: z.object({ replyId: z.uuid() }),
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: 1_000,
    },
    jobId: (p) => `publish-reply-${p.replyId}`,
  }),
  trainBrandModel: defineJob({
    queue: 'train',
    name: 'train-brand-model',
    // `basis` names the state that asked for training (the newest correction's time, or the
    // shared model's fingerprint): asking twice for the same state queues one job. The job
    // trains on everything current and skips when the brand model is already up to date.
    schema: z.object({ brandId: z.uuid(), basis: z.string().min(1).max(100) }),
    // Corrections stay in PostgreSQL; a lost or failed job is asked for again by the worker's
    // periodic check (worker/src/brand-models).
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 100 },
    jobId: (p) => `train-brand-${p.brandId}-${p.basis}`,
  }),
  detectSpikes: defineJob({
    queue: 'detect',
    name: 'detect-spikes',
    // Fired once a minute by a job scheduler (worker/src/start-worker.ts); judges the last whole
    // minute of every brand's rules. The state lives in PostgreSQL, so a lost or failed tick is
    // made up by the next one (which reads its windows fresh from the rollups).
    schema: z.object({}),
    options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  }),
  generateReport: defineJob({
    // Its own queue: each queue has one job kind per consumer (weekly-report is on 'report').
    queue: 'report-requests',
    name: 'generate-report',
    // A brand and an ISO week in its time zone, or a range of its local days (inclusive).
    schema: z.union([
      z.object({ brandId: z.uuid(), week: z.string().regex(/^\d{4}-W\d{2}$/, 'Write the week as 2026-W47.') }),
      z.object({
        brandId: z.uuid(),
        from: z.iso.date('Write the first day as YYYY-MM-DD.'),
        to: z.iso.date('Write the last day as YYYY-MM-DD.'),
      }),
    ]),
    // A caller waits for it (the dashboard); a failure is reported to it, not retried behind its back.
    // Finished jobs are kept a little while so a waiter that arrives after the end still gets the result.
    options: { attempts: 1, removeOnComplete: { age: 600, count: 200 }, removeOnFail: { age: 600, count: 200 } },
    // Asking for the same report at once runs it once; JobBus.run reuses a recent result.
    jobId: (p) => `report-${p.brandId}-${'week' in p ? p.week : `${p.from}-to-${p.to}`}`,
  }),
  weeklyReport: defineJob({
    queue: 'report',
    name: 'weekly-report',
    // Fired by one job scheduler per brand, Monday 09:00 in the brand's time zone
    // (worker/src/reports/sync-report-schedulers.ts): builds and stores last week's report.
    // A retry finds the stored snapshot and does nothing more.
    schema: z.object({ brandId: z.uuid() }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 500 },
  }),
  deliverNotification: defineJob({
    queue: 'deliver',
    name: 'deliver-notification',
    // One job per (notification, channel): the delivery row is unique on that pair, so a retry
    // repeats only the channel that failed.
    schema: z.object({ deliveryId: z.uuid() }),
    // 5 s, 10 s, 20 s … about 40 minutes in all; then the delivery is marked failed with its
    // last error. A receiver that is down longer misses it (the delivery log says so).
    options: { attempts: 10, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 1_000, removeOnFail: 1_000 },
    jobId: (p) => `deliver-${p.deliveryId}`,
  }),
  deliverDigest: defineJob({
    queue: 'digest',
    name: 'deliver-digest',
    // The low-severity notifications a channel held during its quiet hours, sent as one at
    // `releaseAt` (epoch ms, the end of those quiet hours): every held delivery of that window
    // asks for the same job.
    schema: z.object({ channelId: z.uuid(), releaseAt: z.number().int().positive() }),
    options: { attempts: 10, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 1_000, removeOnFail: 1_000 },
    jobId: (p) => `deliver-digest-${p.channelId}-${p.releaseAt}`,
  }),
  sendPasswordReset: defineJob({
    queue: 'account-mail',
    name: 'send-password-reset',
    // Only the request's id: the worker makes the link's token and mails it, so the token is
    // never in Redis or in the web role, and PostgreSQL keeps only its hash.
    schema: z.object({ resetId: z.uuid() }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 },
    jobId: (p) => `password-reset-${p.resetId}`,
  }),
} as const;

export type Jobs = typeof jobs;
export type JobKey = keyof Jobs;
export type JobPayload<K extends JobKey> = z.infer<Jobs[K]['schema']>;
export type QueueName = Jobs[JobKey]['queue'];

/** Redis pub/sub channels. The prefix carries the Redis Cluster hash tag, e.g. `{earshot}`. */
export const channels = {
  mentionEvents: (prefix: string) => `${prefix}:events:mentions`,
};

/** What the worker and collectors publish when mentions or replies change. */
export const MentionEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mentions.created'), brandId: z.uuid(), ids: z.array(z.uuid()) }),
  z.object({ type: z.literal('mention.updated'), brandId: z.uuid(), id: z.uuid() }),
  z.object({ type: z.literal('alerts.changed') }),
  // Team inbox: status or assignee set (one event per brand of a request, however many mentions).
  z.object({
    type: z.literal('mentions.changed'),
    brandId: z.uuid(),
    ids: z.array(z.uuid()),
    status: z.enum(['open', 'pending', 'answered', 'closed', 'ignored']).optional(),
    assigneeId: z.uuid().nullable().optional(),
  }),
  // These users have new in-app notices (their dashboards re-read them).
  z.object({ type: z.literal('notices.changed'), userIds: z.array(z.uuid()) }),
  // Who has the mention open and who is typing a reply, as of change `version` (db/src/jobs/presence.ts):
  // a dashboard keeps the highest version it has heard of.
  z.object({
    type: z.literal('presence'),
    brandId: z.uuid(),
    mentionId: z.uuid(),
    viewers: z.array(z.object({ userId: z.uuid(), name: z.string(), typing: z.boolean() })),
    version: z.number().int().positive(),
  }),
]);
export type MentionEvent = z.infer<typeof MentionEventSchema>;
