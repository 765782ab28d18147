import { randomUUID } from 'node:crypto';
import { jobs, type Database, type JobBus, type JobKey } from '@earshot/db';
import { waitFor } from './start-test-app.ts';

/**
 * "Nothing more happens" as a positive signal, not a sleep: resolves once `polls` whole polls of
 * the stream have started after this call and finished (a poll takes the lease, stamping
 * `last_poll_at`, and gives it back when done). Whatever those polls would re-read has then been
 * handed over.
 */
export async function waitForPolls(db: Database, streamId: string, polls = 2, timeoutMs = 20_000): Promise<void> {
  for (let n = 1; n <= polls; n++) {
    const since = new Date();
    await waitFor(
      `poll ${n} of ${polls} of stream ${streamId} to start and finish`,
      async () => {
        const s = await db.selectFrom('streams').select(['last_poll_at', 'poll_lease_until']).where('id', '=', streamId).executeTakeFirstOrThrow();
        return s.last_poll_at !== null && s.last_poll_at > since && s.poll_lease_until === null;
      },
      timeoutMs,
    );
  }
}

/**
 * Resolves when the queue has no job waiting, delayed (a retry's backoff), prioritized or
 * running: a retry that was going to come would still be there.
 */
export async function waitForQueueIdle(bus: JobBus, key: JobKey, timeoutMs = 20_000): Promise<void> {
  const queue = bus.queue(key);
  await waitFor(
    `the ${key} queue to be idle`,
    async () => {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    },
    timeoutMs,
  );
}

/**
 * Resolves once the collectors have run a whole scheduler sync that started after this call: each
 * sync first re-reads the stored platform connections, then removes every poll scheduler of no
 * stream. A probe scheduler (of no stream, never due) is added and waited out, twice: the sync
 * that removes the second probe began after the first was gone, so after this call.
 */
export async function waitForCollectorsSync(bus: JobBus, timeoutMs = 20_000): Promise<void> {
  const queue = bus.queue('pollStream');
  for (let n = 1; n <= 2; n++) {
    const key = `stream-probe-${randomUUID()}`;
    // 29 February on a Monday: years away, so the probe never fires a poll.
    await queue.upsertJobScheduler(key, { pattern: '0 0 29 2 1' }, { name: jobs.pollStream.name, data: { streamId: randomUUID() }, opts: jobs.pollStream.options });
    await waitFor(`collectors sync ${n} of 2 to remove probe scheduler ${key}`, async () => (await queue.getJobScheduler(key)) === undefined, timeoutMs);
  }
}
