import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  insertNotification,
  insertNotificationChannel,
  storeWebhookSecret,
} from '@earshot/db';
import { startDeliveryHarness, type DeliveryHarness } from '../support/delivery-setup.ts';
import { waitFor } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

describe('deliveries whose job was lost', () => {
  let h: DeliveryHarness;
  let receiver: WebhookReceiver;
  const secret = generateWebhookSecret();

  beforeAll(async () => {
    h = await startDeliveryHarness({ requeueAfterMs: 1_000, sweepIntervalMs: 300 });
    receiver = await startWebhookReceiver(secret);
    await insertNotificationChannel(h.t.db, {
      brandId: null,
      kind: 'webhook',
      name: 'Ops',
      config: { url: receiver.url, format: 'json' },
      signingSecret: storeWebhookSecret(h.box, secret),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await receiver?.close();
  });

  it('are queued again by the sweeper: a crash between commit and enqueue delays a notification, never loses it', async () => {
    // Stored, committed, never queued.
    const { deliveries } = await insertNotification(h.t.db, {
      brandId: h.brandId,
      kind: 'spike',
      severity: 'high',
      title: 'Orphan',
      text: 'x',
    });
    const id = deliveries[0]!.id;
    // Not queued: no job exists for it until the sweeper finds it (after requeueAfterMs).
    expect((await h.delivery(id)).state).toBe('pending');
    expect(await h.runtime.bus.queue('deliverNotification').getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'completed')).toEqual({ waiting: 0, delayed: 0, active: 0, prioritized: 0, completed: 0 });
    await waitFor(
      'the sweeper to queue it',
      async () => (await h.delivery(id)).state === 'delivered',
      15_000,
    );
    expect(receiver.received.map((r) => r.deliveryId)).toEqual([id]);
  });
});
