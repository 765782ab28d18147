import {
  ALL_BRANDS,
  findMentionById,
  findReplyById,
  markMentionAnswered,
  transitionReply,
  type JobPayload,
  type Mention,
  type Reply,
} from '@earshot/db';
import { RetryAtError, UnrecoverableError } from '@earshot/db';
import type { CollectorDeps } from '../deps.ts';
import type { PublishedReply, ReplyTarget } from '../platforms/adapter.ts';
import { PlatformError, RateLimitedError } from '../platforms/errors.ts';

export type PublishOutcome = 'sent' | 'already-done' | 'taken' | 'failed' | 'found-after-interruption';

/**
 * Posts one reply at most once. The reply row is the lock: only the process that moves it
 * from `queued` to `sending` may post. A reply found in `sending` or `unknown` was
 * interrupted mid-send, so the platform is asked whether it was posted before anything is
 * sent again. Throws to have BullMQ retry with backoff; throws RetryAtError when the platform
 * said when it will take the reply (a rate limit, a daily posting cap), so the job waits until
 * then instead of being refused again on its backoff.
 */
export async function handlePublishReply(deps: CollectorDeps, payload: JobPayload<'publishReply'>): Promise<PublishOutcome> {
  const { db } = deps.runtime;
  const reply = await findReplyById(db, payload.replyId);
  if (!reply || reply.state === 'sent' || reply.state === 'failed') return 'already-done';
  const mention = await findMentionById(db, reply.mention_id, ALL_BRANDS);
  if (!mention) return 'already-done';
  const adapter = deps.adapters.get(mention.platform);
  if (!adapter) throw new Error(`${deps.adapters.whyMissing(mention.platform)} The reply waits until then.`);
  const target: ReplyTarget = { externalId: mention.external_id, authorHandle: mention.author_handle, url: mention.url };

  if (reply.state === 'sending' || reply.state === 'unknown') {
    await transitionReply(db, reply.id, ['sending'], 'unknown', {
      error: 'The send was interrupted before its result was stored; checking the platform.',
    });
    // Throws (and the job retries, the reply staying `unknown`) if the platform cannot be asked now.
    const found = await adapter.findReply(target, reply.text);
    if (found) {
      await markSent(deps, reply, mention, found, ['unknown']);
      return 'found-after-interruption';
    }
    // The platform says it has no such reply: sending it now cannot make a second one.
    await transitionReply(db, reply.id, ['unknown'], 'queued', { error: null });
  }

  const claimed = await transitionReply(db, reply.id, ['queued'], 'sending', { countAttempt: true });
  if (!claimed) return 'taken';
  await deps.runtime.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id: mention.id });

  let published: PublishedReply;
  try {
    published = await adapter.publishReply(target, reply.text);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      // The platform refused before posting: nothing was sent, so the reply waits, queued.
      const message = `${error.message} Nothing was posted; the reply waits and is sent then.`;
      await transitionReply(db, reply.id, ['sending'], 'queued', { error: message });
      await deps.runtime.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id: mention.id });
      throw new RetryAtError(new Date(error.resetAt.getTime() + 1_000), message);
    }
    if (error instanceof PlatformError && error.sent === 'no') {
      if (error.retryable) {
        await transitionReply(db, reply.id, ['sending'], 'queued', { error: error.message });
        throw error;
      }
      await transitionReply(db, reply.id, ['sending'], 'failed', { error: error.message });
      await deps.runtime.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id: mention.id });
      throw new UnrecoverableError(error.message);
    }
    // The post may have been made: never resend blindly. The retry checks first.
    const detail = error instanceof Error ? error.message : String(error);
    await transitionReply(db, reply.id, ['sending'], 'unknown', {
      error: `Sent, but no answer came back (${detail}); checking the platform before any retry.`,
    });
    await deps.runtime.bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id: mention.id });
    throw error;
  }
  await markSent(deps, reply, mention, published, ['sending']);
  return 'sent';
}

async function markSent(
  deps: CollectorDeps,
  reply: Reply,
  mention: Mention,
  published: PublishedReply,
  from: ('sending' | 'unknown')[],
): Promise<void> {
  const { db, bus } = deps.runtime;
  await db.transaction().execute(async (trx) => {
    await transitionReply(trx, reply.id, from, 'sent', { externalId: published.externalId, url: published.url });
    await markMentionAnswered(trx, mention.id, new Date(), reply.user_id);
  });
  await bus.publishMentionEvent({ type: 'mention.updated', brandId: mention.brand_id, id: mention.id });
}
