import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrand } from '@earshot/db';
import type { ChannelDto, DeliveryLogDto } from '@earshot/web';
import { verifyWebhookSignature } from '@earshot/worker';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { seedUser } from '../support/factories.ts';

describe('notification channels through the API: created, tested, rotated, deleted', () => {
  let app: TestApp;
  let admin: ApiClient;
  let agent: ApiClient;
  let receiver: WebhookReceiver;
  let brandId: string;
  let secret = '';

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    receiver = await startWebhookReceiver(() => secret);
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
    await seedUser(app.db, { email: 'agent@example.test', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    agent = new ApiClient(app.url);
    await agent.signIn('agent@example.test', 'agent-password-1');
    brandId = (await ensureBrand(app.db, 'Acme')).id;
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  const log = async (notificationId: string) =>
    (
      await admin.request<{ deliveries: DeliveryLogDto[] }>(
        'GET',
        `/api/notifications/${notificationId}/deliveries`,
      )
    ).body.deliveries;
  const settled = (notificationId: string) =>
    waitFor('the test delivery to settle', async () => {
      const [d] = await log(notificationId);
      return d && (d.state === 'delivered' || d.state === 'failed') ? d : undefined;
    });

  it('creates a webhook channel, shows its generated secret once, and a test arrives signed with it', async () => {
    const created = await admin.request<{ channel: ChannelDto; signingSecret: string }>(
      'POST',
      '/api/notification-channels',
      {
        kind: 'webhook',
        brandId,
        name: 'Ops Slack',
        config: { url: receiver.url, format: 'slack' },
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^whsec_/);
    expect(created.body.channel).toMatchObject({
      kind: 'webhook',
      brandId,
      minSeverity: 'low',
      enabled: true,
      secretSealed: true,
    });
    secret = created.body.signingSecret;
    const listed = await admin.request<{ channels: ChannelDto[] }>(
      'GET',
      '/api/notification-channels',
    );
    expect(listed.body.channels.map((c) => c.name)).toEqual(['Ops Slack']);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));
    expect(listed.body.channels[0]!.config).toEqual({
      url: `${new URL(receiver.url).origin}/hooks/…`,
      format: 'slack',
    });

    const test = await admin.request<{ notificationId: string; deliveryId: string }>(
      'POST',
      `/api/notification-channels/${created.body.channel.id}/test`,
    );
    expect(test.status).toBe(202);
    const delivery = await settled(test.body.notificationId);
    expect(delivery).toMatchObject({
      id: test.body.deliveryId,
      channelName: 'Ops Slack',
      state: 'delivered',
      attempts: 1,
      responseStatus: 200,
    });
    const request = receiver.received.find((r) => r.deliveryId === test.body.deliveryId)!;
    expect(request.verified).toBe(true);
    expect((request.json as { text: string }).text).toMatch(/^Test notification for "Ops Slack"/);

    const history = await admin.request<{ deliveries: DeliveryLogDto[] }>(
      'GET',
      `/api/notification-channels/${created.body.channel.id}/deliveries`,
    );
    expect(history.body.deliveries.map((d) => [d.title, d.state])).toEqual([
      ['Test notification for "Ops Slack"', 'delivered'],
    ]);

    // A rotated secret is shown once; the old one no longer verifies.
    const rotated = await admin.request<{ signingSecret: string }>(
      'PATCH',
      `/api/notification-channels/${created.body.channel.id}`,
      { rotateSecret: true },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).not.toBe(secret);
    const old = secret;
    secret = rotated.body.signingSecret;
    const again = await admin.request<{ notificationId: string; deliveryId: string }>(
      'POST',
      `/api/notification-channels/${created.body.channel.id}/test`,
    );
    expect(await settled(again.body.notificationId)).toMatchObject({ state: 'delivered' });
    const signed = receiver.received.find((r) => r.deliveryId === again.body.deliveryId)!;
    expect(signed.verified).toBe(true);
    expect(verifyWebhookSignature(old, signed.signature, signed.body)).toBe(false);
  });

  it('validates channels at the edge, naming the field', async () => {
    const bad = await admin.request<{ error: { message: string } }>(
      'POST',
      '/api/notification-channels',
      {
        kind: 'email',
        brandId: null,
        name: 'Team',
        config: { recipients: ['team at acme'] },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Recipients: each recipient must be an email address/,
    );
    const zone = await admin.request<{ error: { message: string } }>(
      'POST',
      '/api/notification-channels',
      {
        kind: 'email',
        brandId: null,
        name: 'Team',
        config: { recipients: ['team@acme.test'] },
        quietHours: { start: '22:00', end: '7am', timeZone: 'Nowhere/Else' },
      },
    );
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toMatch(
      /Quiet hours end must be a local time HH:MM.*Quiet hours time zone must be an IANA time zone/,
    );
  });

  it('reports in the delivery log that email is not configured when the workers have no SMTP settings', async () => {
    const created = await admin.request<{ channel: ChannelDto }>(
      'POST',
      '/api/notification-channels',
      {
        kind: 'email',
        brandId: null,
        name: 'Team',
        config: { recipients: ['team@acme.test'] },
      },
    );
    const test = await admin.request<{ notificationId: string }>(
      'POST',
      `/api/notification-channels/${created.body.channel.id}/test`,
    );
    const delivery = await settled(test.body.notificationId);
    expect(delivery.state).toBe('failed');
    expect(delivery.lastError).toMatch(/^Email is not configured/);

    const patch = await admin.request<{ error: { message: string } }>(
      'PATCH',
      `/api/notification-channels/${created.body.channel.id}`,
      { config: { url: 'https://x.test' } },
    );
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toBe('Recipients is missing.');
    expect(
      (await admin.request('DELETE', `/api/notification-channels/${created.body.channel.id}`))
        .status,
    ).toBe(204);
    expect(
      (await admin.request('DELETE', `/api/notification-channels/${created.body.channel.id}`))
        .status,
    ).toBe(404);
  });

  it('is for managers and admins', async () => {
    await seedUser(app.db, { email: 'manager@example.test', name: 'Manager', password: 'manager-password-1', role: 'manager' });
    const manager = new ApiClient(app.url);
    await manager.signIn('manager@example.test', 'manager-password-1');
    expect((await manager.request('GET', '/api/notification-channels')).status).toBe(200);
    expect((await agent.request('GET', '/api/notification-channels')).status).toBe(403);
    expect(
      (
        await agent.request('POST', '/api/notification-channels', {
          kind: 'email',
          brandId: null,
          name: 'x',
          config: { recipients: ['a@b.test'] },
        })
      ).status,
    ).toBe(403);
  });
});
