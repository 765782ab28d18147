import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimHeldDeliveries,
  generateWebhookSecret,
  insertNotificationChannel,
  storeWebhookSecret,
  type NotificationChannel,
} from '@earshot/db';
import { handleDeliverDigest, handleDeliverNotification, type DeliveryDeps } from '@earshot/worker';
import { startDeliveryHarness, type DeliveryHarness } from '../support/delivery-setup.ts';
import { waitFor } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

// The handlers are driven directly with a clock of the test's own, so quiet hours that ended
// five minutes ago can be "now" for the deliveries and past for the digest.
describe('quiet hours and the digest', () => {
  let h: DeliveryHarness;
  let receiver: WebhookReceiver;
  let channel: NotificationChannel;
  let deps: DeliveryDeps;
  const secret = generateWebhookSecret();
  const minute = 60_000;
  const inQuiet = new Date(Math.floor(Date.now() / minute) * minute - 10 * minute);
  const quietEnd = new Date(inQuiet.getTime() + 5 * minute);
  const clock = (d: Date) => d.toISOString().slice(11, 16);

  beforeAll(async () => {
    h = await startDeliveryHarness(null);
    receiver = await startWebhookReceiver(secret);
    channel = await insertNotificationChannel(h.t.db, {
      brandId: h.brandId,
      kind: 'webhook',
      name: 'Night-time Slack',
      config: { url: receiver.url, format: 'json' },
      signingSecret: storeWebhookSecret(h.box, secret),
      quietHours: {
        start: clock(new Date(inQuiet.getTime() - 60 * minute)),
        end: clock(quietEnd),
        timeZone: 'UTC',
      },
    });
    deps = {
      runtime: h.runtime,
      mailer: null,
      credentialBox: h.box,
      webhookTimeoutMs: 3_000,
      now: () => inQuiet,
    };
  });
  afterAll(async () => {
    await h?.stop();
    await receiver?.close();
  });

  const deliver = (deliveryId: string, at = deps) => handleDeliverNotification(at, { deliveryId });
  const bodies = () =>
    receiver.received.map(
      (r) => r.json as { deliveryId: string; type: string; notifications: { title: string }[] },
    );

  it('holds low-severity notifications until the quiet hours end and sends them as one digest', async () => {
    const low1 = await h.notify({
      kind: 'spike',
      severity: 'low',
      title: 'Small bump 1',
      text: 'x',
    });
    const low2 = await h.notify({ kind: 'sla', severity: 'low', title: 'Small bump 2', text: 'x' });
    const high = await h.notify({ kind: 'spike', severity: 'high', title: 'Storm', text: 'x' });

    // High severity ignores quiet hours.
    expect(await deliver(high.deliveryIds[0]!)).toBe('delivered');
    expect(bodies().map((b) => [b.type, b.notifications.map((n) => n.title)])).toEqual([
      ['notification', ['Storm']],
    ]);

    for (const n of [low1, low2]) expect(await deliver(n.deliveryIds[0]!)).toBe('held');
    const held = await h.delivery(low1.deliveryIds[0]!);
    expect(held.state).toBe('held');
    const releaseAt = (
      await h.t.db
        .selectFrom('notification_deliveries')
        .select('release_at')
        .where('id', '=', low1.deliveryIds[0]!)
        .executeTakeFirstOrThrow()
    ).release_at;
    expect(releaseAt?.toISOString()).toBe(quietEnd.toISOString());
    // Both asked for the same digest job, delayed until the end of quiet hours.
    const job = await h.runtime.bus
      .queue('deliverDigest')
      .getJob(`deliver-digest-${channel.id}-${quietEnd.getTime()}`);
    expect(await job?.getState()).toBe('delayed');
    expect(receiver.received).toHaveLength(1);

    // The end of quiet hours: one message with both, under the first delivery's id.
    const sent = await handleDeliverDigest(
      { ...deps, now: () => new Date() },
      { channelId: channel.id, releaseAt: quietEnd.getTime() },
    );
    expect(sent).toBe(1);
    expect(bodies()[1]).toMatchObject({
      deliveryId: low1.deliveryIds[0],
      type: 'digest',
      notifications: [{ title: 'Small bump 1' }, { title: 'Small bump 2' }],
    });
    expect(receiver.received[1]!.verified).toBe(true);
    for (const n of [low1, low2])
      expect(await h.delivery(n.deliveryIds[0]!)).toMatchObject({
        state: 'delivered',
        digest_id: low1.deliveryIds[0],
        response_status: 200,
      });

    // Their own jobs, if they run again, leave them to the digest.
    expect(await deliver(low2.deliveryIds[0]!)).toBe('already-done');
    expect(
      await handleDeliverDigest(
        { ...deps, now: () => new Date() },
        { channelId: channel.id, releaseAt: quietEnd.getTime() },
      ),
    ).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });

  it('re-sends a digest whose sender died, under the same id', async () => {
    const a = await h.notify({ kind: 'spike', severity: 'low', title: 'Later bump A', text: 'x' });
    const b = await h.notify({ kind: 'spike', severity: 'low', title: 'Later bump B', text: 'x' });
    for (const n of [a, b]) expect(await deliver(n.deliveryIds[0]!)).toBe('held');
    // A process claims the digest and dies before sending or storing anything.
    const digestId = await claimHeldDeliveries(h.t.db, channel.id, new Date());
    expect(digestId).toBe(a.deliveryIds[0]);
    const before = receiver.received.length;

    expect(
      await handleDeliverDigest(
        { ...deps, now: () => new Date() },
        { channelId: channel.id, releaseAt: quietEnd.getTime() },
      ),
    ).toBe(1);
    expect(receiver.received.length).toBe(before + 1);
    expect(bodies().at(-1)).toMatchObject({
      deliveryId: digestId,
      type: 'digest',
      notifications: [{ title: 'Later bump A' }, { title: 'Later bump B' }],
    });
    expect(await h.delivery(b.deliveryIds[0]!)).toMatchObject({
      state: 'delivered',
      digest_id: digestId,
      attempts: 2,
    });
  });

  it('does not send the digest of a channel disabled during its quiet hours, and says why', async () => {
    const c = await h.notify({
      kind: 'spike',
      severity: 'low',
      title: 'Bump while disabling',
      text: 'x',
    });
    expect(await deliver(c.deliveryIds[0]!)).toBe('held');
    await h.t.db
      .updateTable('notification_channels')
      .set({ enabled: false })
      .where('id', '=', channel.id)
      .execute();
    const before = receiver.received.length;
    expect(
      await handleDeliverDigest(
        { ...deps, now: () => new Date() },
        { channelId: channel.id, releaseAt: quietEnd.getTime() },
      ),
    ).toBe(0);
    expect(receiver.received.length).toBe(before);
    expect(await h.delivery(c.deliveryIds[0]!)).toMatchObject({
      state: 'failed',
      last_error: 'The channel was disabled before its quiet-hours digest went out.',
    });
  });

  it("goes out by itself when the quiet hours end: the held deliveries' delayed digest job runs on the worker", async () => {
    // A worker whose clock is five seconds before the end of a quiet window.
    const end = Math.floor(Date.now() / minute) * minute;
    const offset = Date.now() - (end - 5_000);
    const live = await startDeliveryHarness({ now: () => new Date(Date.now() - offset) });
    try {
      await insertNotificationChannel(live.t.db, {
        brandId: null,
        kind: 'webhook',
        name: 'Live quiet hours',
        config: { url: receiver.url, format: 'json' },
        signingSecret: storeWebhookSecret(live.box, secret),
        quietHours: {
          start: clock(new Date(end - 60 * minute)),
          end: clock(new Date(end)),
          timeZone: 'UTC',
        },
      });
      const before = receiver.received.length;
      const x = await live.notify({ kind: 'spike', severity: 'low', title: 'Live X', text: 'x' });
      const y = await live.notify({ kind: 'spike', severity: 'low', title: 'Live Y', text: 'x' });
      await waitFor(
        'both to be held',
        async () =>
          (await live.delivery(x.deliveryIds[0]!)).state === 'held' &&
          (await live.delivery(y.deliveryIds[0]!)).state === 'held',
      );
      expect(receiver.received.length).toBe(before);
      await waitFor(
        'the digest',
        async () => (await live.delivery(y.deliveryIds[0]!)).state === 'delivered',
        15_000,
      );
      expect(receiver.received.length).toBe(before + 1);
      expect(bodies().at(-1)).toMatchObject({
        type: 'digest',
        deliveryId: x.deliveryIds[0],
        notifications: [{ title: 'Live X' }, { title: 'Live Y' }],
      });
    } finally {
      await live.stop();
    }
  });
});
