import { claimStalePages, findStuckReplies, type JobKey, type JobPayload } from '@earshot/db';
import type { CollectorDeps } from './deps.ts';

/**
 * Re-queues work whose job is gone: pages still waiting for analysis and replies still
 * unfinished after `olderThanMs`. Jobs that exist (waiting, delayed for backoff, active)
 * are left alone; failed ones are retried. PostgreSQL is the record, Redis only the
 * delivery, so a Redis restart costs a delay, never a mention or a reply.
 */
export async function sweepOutboxes(
  deps: CollectorDeps,
  options: { olderThanMs: number; limit?: number },
): Promise<{ pages: number; replies: number }> {
  const { db } = deps.runtime;
  const limit = options.limit ?? 500;
  let pages = 0;
  for (const pageId of await claimStalePages(db, options.olderThanMs, limit)) {
    if (await revive(deps, 'analyzeMentions', `analyze-${pageId}`, { pageId })) pages++;
  }
  let replies = 0;
  for (const replyId of await findStuckReplies(db, options.olderThanMs, limit)) {
    if (await revive(deps, 'publishReply', `publish-reply-${replyId}`, { replyId })) replies++;
  }
  return { pages, replies };
}

async function revive<K extends JobKey>(deps: CollectorDeps, key: K, jobId: string, payload: JobPayload<K>): Promise<boolean> {
  const queue = deps.runtime.bus.queue(key);
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
  await deps.runtime.bus.enqueue(key, payload);
  return true;
}
