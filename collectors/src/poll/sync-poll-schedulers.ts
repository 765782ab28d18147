import { ALL_BRANDS, jobs, listStreams } from '@earshot/db';
import type { CollectorDeps } from '../deps.ts';

const SCHEDULER_PREFIX = 'stream-';

/**
 * Makes Redis hold exactly one job scheduler per enabled stream, firing a poll job every
 * `poll_interval_ms`. Idempotent, so every collectors process runs it periodically: that
 * also rebuilds the schedulers after Redis lost them.
 */
export async function syncPollSchedulers(deps: CollectorDeps): Promise<{ scheduled: number; removed: number }> {
  const { db, bus } = deps.runtime;
  const queue = bus.queue('pollStream');
  const streams = await listStreams(db, ALL_BRANDS);
  const wanted = new Map(streams.filter((s) => s.enabled).map((s) => [`${SCHEDULER_PREFIX}${s.id}`, s]));
  for (const [id, stream] of wanted) {
    await queue.upsertJobScheduler(
      id,
      { every: stream.poll_interval_ms },
      { name: jobs.pollStream.name, data: { streamId: stream.id }, opts: jobs.pollStream.options },
    );
  }
  let removed = 0;
  const existing = await queue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    const key = scheduler.key;
    if (key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key)) {
      await queue.removeJobScheduler(key);
      removed++;
    }
  }
  return { scheduled: wanted.size, removed };
}
