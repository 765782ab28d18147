import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { eventually, signIn, useBrowser } from './harness.ts';

// Settings → Notification channels as an admin uses it: a webhook added, its secret shown
// once, a test sent and followed until the receiver (which verifies the signature) took it.
describe('notification channels in settings', () => {
  let app: TestApp;
  const { openPage } = useBrowser();
  let receiver: WebhookReceiver;
  let secret = '';

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    receiver = await startWebhookReceiver(() => secret);
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
  });

  it('adds a webhook, shows its secret once, and a test arrives signed', async () => {
    const { page, pageErrors, context } = await openPage();
    await signIn(page, app, '/settings');
    const section = page.getByTestId('notification-channels');
    await expect.poll(() => section.getByText('No channels yet').count()).toBe(1);

    const form = section.getByTestId('new-channel');
    await form.getByLabel('Name').fill('Ops Slack');
    await form.getByLabel('Webhook URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Add channel' }).click();
    await eventually(() =>
      section.getByTestId('channel-created-secret').locator('code').textContent(),
    ).toMatch(/^whsec_/);
    secret = (await section.getByTestId('channel-created-secret').locator('code').textContent())!;
    const card = section.getByTestId('channel');
    await eventually(() => card.getByTestId('channel-summary').textContent()).toContain(
      '(Slack) · every brand · all severities',
    );

    await card.getByRole('button', { name: 'Send a test' }).click();
    await eventually(() => card.getByTestId('channel-test-result').textContent()).toBe(
      'Test: Delivered (200)',
    );
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(true);

    await card.getByTestId('channel-history').locator('summary').click();
    await eventually(() => card.getByTestId('channel-history-item').allTextContents()).toEqual([
      expect.stringMatching(/· Test notification for "Ops Slack" · Delivered \(200\)$/),
    ]);

    // Stored as the page showed it.
    const stored = await app.db
      .selectFrom('notification_channels')
      .select(['name', 'kind', 'config'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      name: 'Ops Slack',
      kind: 'webhook',
      config: { url: receiver.url, format: 'slack' },
    });

    // An email channel on workers without SMTP settings says so in its test.
    await form.getByLabel('Kind').selectOption('email');
    await form.getByLabel('Name').fill('Support leads');
    await form.getByLabel('Recipients (comma separated)').fill('lead@acme.test, ops@acme.test');
    await form.getByRole('button', { name: 'Add channel' }).click();
    const email = section.getByTestId('channel').filter({ hasText: 'Support leads' });
    await email.getByRole('button', { name: 'Send a test' }).click();
    await eventually(() => email.getByTestId('channel-test-result').textContent()).toMatch(
      /^Test: Failed — Email is not configured/,
    );

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
