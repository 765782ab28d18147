import {
  ALL_BRANDS,
  findStreamById,
  insertCollectedPage,
  leaseStream,
  recordPollFailure,
  recordPollSuccess,
  type CollectedMention,
  type JobPayload,
  type Stream,
} from '@earshot/db';
import type { CollectorDeps } from '../deps.ts';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '../platforms/errors.ts';

/** Longer than any poll should take; a crashed poller's lease expires after it. */
const LEASE_MS = 5 * 60_000;
/** Waits between tries to record a poll's failure while PostgreSQL does not answer. */
const RECORD_RETRY_MS = [500, 1_000, 2_000, 5_000];
/**
 * Platform pages are stored and queued together up to this many mentions: the analyze stage
 * costs a few round trips per stored page whatever its size, so a backlog read as many small
 * pages is analyzed in fewer, larger batches. A poll's last pages are queued when it ends.
 */
export const BATCH_MENTIONS = 500;
/** Below this share of the monthly read budget left, a stream polls four times less often. */
const LOW_BUDGET_SHARE = 0.2;

export type PollOutcome =
  | { status: 'polled'; fetched: number; pages: number; reads: number }
  | { status: 'skipped'; reason: string }
  | { status: 'rate-limited'; until: Date }
  | { status: 'failed'; error: string };

/** Posts the stream may still read this month; null when it has no budget. */
export function remainingBudget(stream: Stream, at: Date): number | null {
  if (stream.read_budget_monthly === null) return null;
  const month = at.toISOString().slice(0, 7);
  const used = stream.budget_month === month ? stream.reads_this_month : 0;
  return Math.max(0, stream.read_budget_monthly - used);
}

/**
 * Polls one stream: every page newer than the cursor goes to the outbox and the analyze
 * queue, and only then does the cursor move. A crash re-reads pages, never skips them; the
 * analyze stage drops what it already stored.
 */
export async function handlePollStream(deps: CollectorDeps, payload: JobPayload<'pollStream'>): Promise<PollOutcome> {
  const { db, bus, logger } = deps.runtime;
  const now = deps.now?.() ?? new Date();

  const current = await findStreamById(db, payload.streamId, ALL_BRANDS);
  if (!current) return { status: 'skipped', reason: 'stream no longer exists' };
  if (current.rate_limited_until && current.rate_limited_until > now) {
    return { status: 'rate-limited', until: current.rate_limited_until };
  }
  const budget = remainingBudget(current, now);
  if (budget === 0) {
    const reason = `Monthly read budget of ${current.read_budget_monthly} posts is used up; polling resumes next month or when the budget is raised.`;
    if (current.last_error !== reason) await recordPollFailure(db, current.id, { error: reason });
    return { status: 'skipped', reason };
  }
  if (
    budget !== null &&
    current.read_budget_monthly !== null &&
    budget < current.read_budget_monthly * LOW_BUDGET_SHARE &&
    current.last_success_at &&
    now.getTime() - current.last_success_at.getTime() < current.poll_interval_ms * 4
  ) {
    return { status: 'skipped', reason: 'read budget low: polling slowed to a quarter' };
  }

  const stream = await leaseStream(db, payload.streamId, LEASE_MS);
  if (!stream) return { status: 'skipped', reason: 'disabled, or another process is polling it' };
  const leasedAt = Date.now();

  const adapter = deps.adapters.get(stream.platform);
  if (!adapter) {
    const error = deps.adapters.whyMissing(stream.platform);
    await recordPollFailure(db, stream.id, { error });
    return { status: 'failed', error };
  }
  const query = adapter.querySchema.safeParse(stream.query);
  if (!query.success) {
    const error = `The stream's query is not valid for ${stream.platform}: ${query.error.issues.map((i) => i.message).join('; ')}. Edit the stream.`;
    await recordPollFailure(db, stream.id, { error });
    return { status: 'failed', error };
  }

  let fetched = 0;
  let pages = 0;
  let batch: CollectedMention[] = [];
  const queueBatch = async () => {
    if (batch.length === 0) return;
    const pageId = await insertCollectedPage(db, { brandId: stream.brand_id, streamId: stream.id, platform: stream.platform, mentions: batch });
    await bus.enqueue('analyzeMentions', { pageId });
    fetched += batch.length;
    pages++;
    batch = [];
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('poll took longer than its lease')), LEASE_MS - 10_000);
  try {
    const iterator = adapter.poll({ query: query.data, cursor: stream.cursor, readBudget: budget, signal: controller.signal });
    for (;;) {
      const step = await iterator.next();
      if (step.done) {
        // Every page queued before the cursor moves: a crash re-reads, never skips.
        await queueBatch();
        await recordPollSuccess(db, stream.id, { cursor: step.value.cursor, fetched, reads: step.value.reads, notice: step.value.notice });
        if (step.value.notice) logger.warn('poll could not read everything', { streamId: stream.id, platform: stream.platform, notice: step.value.notice });
        return { status: 'polled', fetched, pages, reads: step.value.reads };
      }
      if (step.value.length === 0) continue;
      batch.push(...step.value);
      if (batch.length >= BATCH_MENTIONS) await queueBatch();
    }
  } catch (error) {
    // The pages read before the failure are as good as before it: queue them (the cursor stays).
    await queueBatch().catch((queueError: unknown) => logger.warn('could not queue the pages read before a failed poll; the next poll reads them again', { streamId: stream.id, error: String(queueError) }));
    if (error instanceof RateLimitedError) {
      await recordPollFailure(db, stream.id, {
        error: `Rate limited by ${stream.platform} until ${error.resetAt.toISOString()}; polling resumes then.`,
        rateLimitedUntil: error.resetAt,
      });
      // Catch up as soon as the window resets instead of waiting for the next scheduled poll.
      await bus.enqueue('pollStream', { streamId: stream.id }, { delay: Math.max(0, error.resetAt.getTime() - Date.now()) + 1_000 });
      return { status: 'rate-limited', until: error.resetAt };
    }
    const message = describePollError(stream.platform, error);
    logger.warn('poll failed', { streamId: stream.id, platform: stream.platform, error: message });
    await recordFailureReleasingLease(deps, stream.id, message, leasedAt);
    return { status: 'failed', error: message };
  } finally {
    // Success and failure both release the lease; if recording them failed, it expires.
    clearTimeout(timer);
  }
}

/**
 * Records the failure, which also gives the lease back. PostgreSQL being away is often why the
 * poll failed, and then this write fails too: giving up would leave the stream leased, so no
 * process would poll it until the lease expires (LEASE_MS, minutes after PostgreSQL is back).
 * Tries again until it is recorded or the lease has expired anyway.
 */
async function recordFailureReleasingLease(deps: CollectorDeps, streamId: string, message: string, leasedAt: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await recordPollFailure(deps.runtime.db, streamId, { error: message });
      return;
    } catch (error) {
      if (Date.now() - leasedAt >= LEASE_MS) throw error;
      if (attempt === 0) deps.runtime.logger.warn('could not record a failed poll; retrying to give its lease back', { streamId, error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, RECORD_RETRY_MS[Math.min(attempt, RECORD_RETRY_MS.length - 1)]));
    }
  }
}

function describePollError(platform: string, error: unknown): string {
  if (error instanceof MalformedPayloadError) return `${error.message}. Nothing from that page was stored; the next poll reads it again.`;
  if (error instanceof PlatformError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Polling ${platform} failed: ${detail}. The next poll will try again.`;
}
