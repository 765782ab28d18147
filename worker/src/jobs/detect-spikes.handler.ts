import { queueNotificationDeliveries, type Runtime } from '@earshot/db';
import { runSlaTick } from '../sla/run-sla-tick.ts';
import { runSpikeTick, type SpikeTickResult } from '../spikes/index.ts';

/**
 * One detection tick (fired every minute by the worker's job scheduler): judges every
 * brand's rules on the last whole minute and opens, grows, closes or reopens spike alerts;
 * queues the notifications of new ones to the brand's channels; tells open dashboards when
 * alerts changed. Then, in its own transaction, the SLA alert tick (`runSlaTick`): per brand,
 * open mentions breached and about to breach. It rides this scheduler because it is also a
 * once-a-minute look at every brand; its own transaction and lock keep a failure in either from
 * undoing the other. Safe to run twice: a minute is judged once, and SLA counts are idempotent.
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
  const sla = await runSlaTick(runtime.db, options);
  await queueNotificationDeliveries(runtime.bus, sla.deliveries);
  if (sla.opened + sla.escalated + sla.updated + sla.closed > 0) {
    await runtime.bus.publishMentionEvent({ type: 'alerts.changed' });
    if (sla.opened + sla.escalated + sla.closed > 0)
      runtime.logger.info('sla alerts changed', {
        brands: sla.brands,
        opened: sla.opened,
        escalated: sla.escalated,
        closed: sla.closed,
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
