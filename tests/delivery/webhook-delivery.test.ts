import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_BRANDS,
  generateWebhookSecret,
  insertNotificationChannel,
  listNotificationDeliveries,
  storeWebhookSecret,
} from '@earshot/db';
import {
  startDeliveryHarness,
  stormDetails,
  type DeliveryHarness,
} from '../support/delivery-setup.ts';
import { waitFor } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

describe('webhook delivery', () => {
  let h: DeliveryHarness;
  let receiver: WebhookReceiver;
  const secret = generateWebhookSecret();

  beforeAll(async () => {
    h = await startDeliveryHarness({ publicUrl: 'https://earshot.example.com' });
    receiver = await startWebhookReceiver(secret);
  });
  afterAll(async () => {
    await h?.stop();
    await receiver?.close();
  });

  const addChannel = async (
    format: 'json' | 'slack',
    brandId: string | null = h.brandId,
    minSeverity: 'low' | 'high' = 'low',
  ) =>
    insertNotificationChannel(h.t.db, {
      brandId,
      kind: 'webhook',
      name: `hook ${format} ${Math.random()}`,
      config: { url: receiver.url, format },
      signingSecret: storeWebhookSecret(h.box, secret),
      minSeverity,
    });
  const disable = async (id: string) =>
    h.t.db
      .updateTable('notification_channels')
      .set({ enabled: false })
      .where('id', '=', id)
      .execute();
  const requestsFor = (deliveryId: string) =>
    receiver.received.filter((r) => r.deliveryId === deliveryId);

  it('posts a JSON body signed over timestamp and body, which the receiver verifies', async () => {
    const channel = await addChannel('json');
    const { notificationId, deliveryIds } = await h.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Negative spike: lost bags',
      text: '31 negative mentions in 10 minutes',
      details: stormDetails,
      linkPath: '/inbox?incident=42',
    });
    expect(deliveryIds).toHaveLength(1);
    const id = deliveryIds[0]!;
    await waitFor('the delivery', async () => (await h.delivery(id)).state === 'delivered');
    const [request] = requestsFor(id);
    expect(request).toMatchObject({ verified: true, processed: true });
    expect(request!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(request!.json).toMatchObject({
      deliveryId: id,
      type: 'notification',
      notifications: [
        {
          id: notificationId,
          kind: 'spike',
          severity: 'high',
          title: 'Negative spike: lost bags',
          details: { explanation: stormDetails.explanation },
          link: 'https://earshot.example.com/inbox?incident=42',
        },
      ],
    });
    expect(await h.delivery(id)).toMatchObject({
      attempts: 1,
      response_status: 200,
      last_error: null,
    });
    const log = await listNotificationDeliveries(h.t.db, notificationId, ALL_BRANDS);
    expect(log.map((d) => [d.channel_name, d.state])).toEqual([[channel.name, 'delivered']]);
    await disable(channel.id);
  });

  it('fails without retries when the receiver holds another secret and answers 401', async () => {
    const other = await insertNotificationChannel(h.t.db, {
      brandId: h.brandId,
      kind: 'webhook',
      name: 'wrong secret',
      config: { url: receiver.url, format: 'json' },
      signingSecret: storeWebhookSecret(h.box, generateWebhookSecret()),
    });
    const { deliveryIds } = await h.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Forged?',
      text: 'x',
    });
    const id = deliveryIds[0]!;
    const row = await waitFor('the delivery to fail', async () => {
      const d = await h.delivery(id);
      return d.state === 'failed' ? d : undefined;
    });
    expect(row.response_status).toBe(401);
    expect(row.last_error).toMatch(/refused the delivery with 401.*signature/);
    expect(requestsFor(id).map((r) => r.verified)).toEqual([false]);
    // A 401 is final: no retry is left queued.
    await h.idle();
    expect(requestsFor(id)).toHaveLength(1);
    await disable(other.id);
  });

  it('retries a 500 with backoff and delivers once, under the same delivery id', async () => {
    const channel = await addChannel('json');
    receiver.plan(500);
    const { deliveryIds } = await h.notify({
      kind: 'sla',
      severity: 'high',
      title: '12 mentions breached their deadline',
      text: 'x',
    });
    const id = deliveryIds[0]!;
    await waitFor(
      'a failed first attempt',
      async () => (await h.delivery(id)).last_error?.includes('500') === true,
    );
    expect(await h.delivery(id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      response_status: 500,
    });
    await waitFor(
      'the retry to deliver',
      async () => (await h.delivery(id)).state === 'delivered',
      30_000,
    );
    expect(await h.delivery(id)).toMatchObject({
      attempts: 2,
      response_status: 200,
      last_error: null,
    });
    // Two requests, both verified and with the same id; processed once (the 500 was not).
    expect(requestsFor(id).map((r) => [r.verified, r.processed])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(receiver.processed.filter((p) => p === id)).toHaveLength(1);
    await h.idle();
    expect(requestsFor(id)).toHaveLength(2);
    await disable(channel.id);
  });

  it('posts Slack-compatible text and blocks with the explanation, figures and examples', async () => {
    const channel = await addChannel('slack');
    const { deliveryIds } = await h.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Negative spike: lost bags',
      text: '31 negative mentions in 10 minutes',
      details: stormDetails,
      linkPath: '/inbox?incident=42',
    });
    const id = deliveryIds[0]!;
    await waitFor('the delivery', async () => (await h.delivery(id)).state === 'delivered');
    const body = requestsFor(id)[0]!.json as {
      text: string;
      blocks: {
        type: string;
        text?: { text: string };
        fields?: { text: string }[];
        elements?: { text: string }[];
      }[];
    };
    expect(body.text).toBe('Negative spike: lost bags: 31 negative mentions in 10 minutes');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '🔴 Negative spike: lost bags' },
    });
    const all = JSON.stringify(body.blocks);
    expect(all).toContain('6.2× the usual');
    expect(all).toContain('*Baseline*\\n5');
    expect(all).toContain('Acme lost my bag AGAIN');
    expect(all).toContain('<https://earshot.example.com/inbox?incident=42|Open in Earshot>');
    expect(
      body.blocks.every((b) => ['header', 'section', 'context', 'divider'].includes(b.type)),
    ).toBe(true);
    await disable(channel.id);
  });

  it('sends a channel only the severities it asked for', async () => {
    const highOnly = await addChannel('json', h.brandId, 'high');
    const { deliveryIds } = await h.notify({
      kind: 'spike',
      severity: 'low',
      title: 'A small bump',
      text: 'x',
    });
    expect(deliveryIds).toEqual([]);
    await disable(highOnly.id);
  });
});
