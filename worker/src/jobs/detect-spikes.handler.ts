import { queueNotificationDeliveries, type Runtime } from '@earshot/db';
import { runSpikeTick, type SpikeTickResult } from '../spikes/index.ts';

/**
 * One detection tick (fired every minute by the worker's job scheduler): judges every
 * brand's rules on the last whole minute and opens, grows, closes or reopens spike alerts;
 * queues the notifications of new ones to the brand's channels; tells open dashboards when
 * alerts changed. Safe to run twice: a minute is judged once.
 */
export async function handleDetectSpikes(
  runtime: Runtime,
  options: { now?: Date } = {},
): Promise<SpikeTickResult> {
  const started = performance.now();
  const result = await runSpikeTick(runtime.db, {
    ...options,
    onSkip: (ruleId, reason) =>
      runtime.logger.warn('spike rule not judged; fix or disable the rule', { ruleId, reason }),
  });
  // After the commit: a crash before this leaves pending deliveries, which the delivery sweeper queues.
  await queueNotificationDeliveries(runtime.bus, result.deliveries);
  if (result.raised + result.reopened + result.closed > 0) {
    await runtime.bus.publishMentionEvent({ type: 'alerts.changed' });
    runtime.logger.info('spike alerts changed', {
      minute: result.minute.toISOString(),
      raised: result.raised,
      reopened: result.reopened,
      closed: result.closed,
    });
  }
  runtime.logger.debug('spike tick', {
    ...result,
    deliveries: result.deliveries.length,
    minute: result.minute.toISOString(),
    ms: Math.round(performance.now() - started),
  });
  return result;
}
