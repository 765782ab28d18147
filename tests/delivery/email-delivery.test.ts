import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotificationChannel } from '@earshot/db';
import {
  startDeliveryHarness,
  stormDetails,
  type DeliveryHarness,
} from '../support/delivery-setup.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { waitFor } from '../support/start-test-app.ts';

describe('email delivery through a real SMTP server on loopback', () => {
  let sink: SmtpSink;
  let h: DeliveryHarness;
  let unconfigured: DeliveryHarness;

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startDeliveryHarness({
      mail: { smtpUrl: sink.url, from: 'Earshot <alerts@earshot.test>' },
      publicUrl: 'https://earshot.example.com',
    });
    unconfigured = await startDeliveryHarness({});
  });
  afterAll(async () => {
    await h?.stop();
    await unconfigured?.stop();
    await sink?.close();
  });

  it('arrives with the explanation, figures and example mentions in both bodies, and the attachment', async () => {
    await insertNotificationChannel(h.t.db, {
      brandId: h.brandId,
      kind: 'email',
      name: 'Support leads',
      config: { recipients: ['lead@acme.test', 'ops@acme.test'] },
    });
    const pdf = Buffer.from('%PDF-1.4\n% weekly report stand-in\n%%EOF\n');
    const { deliveryIds } = await h.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Negative spike: lost bags',
      text: '31 negative mentions in 10 minutes',
      details: stormDetails,
      linkPath: '/inbox?incident=42',
      attachment: {
        kind: 'inline',
        filename: 'acme-week-48.pdf',
        contentType: 'application/pdf',
        contentBase64: pdf.toString('base64'),
      },
    });
    const id = deliveryIds[0]!;
    await waitFor('the delivery', async () => (await h.delivery(id)).state === 'delivered');
    expect(await h.delivery(id)).toMatchObject({
      attempts: 1,
      response_status: 250,
      last_error: null,
    });

    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.subject).toBe('[Earshot · high] Negative spike: lost bags');
    expect(mail.from?.text).toBe('"Earshot" <alerts@earshot.test>');
    expect(
      (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a!.value.map((v) => v.address)),
    ).toEqual(['lead@acme.test', 'ops@acme.test']);
    expect(mail.messageId).toBe(`<${id}@earshot.delivery>`);
    expect(mail.headers.get('earshot-delivery-id')).toBe(id);
    for (const body of [mail.text!, mail.html as string]) {
      expect(body).toContain('6.2× the usual for Tuesday 14:00');
      expect(body).toContain('Acme lost my bag AGAIN, third time this year');
      expect(body).toContain('traveller_jo');
      expect(body).toContain('https://earshot.example.com/inbox?incident=42');
    }
    expect(mail.text).toContain('Baseline: 5');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['acme-week-48.pdf', 'application/pdf'],
    ]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it('marks the delivery failed, without retrying, when the server refuses the recipient', async () => {
    sink.refuse('nobody@acme.test');
    await insertNotificationChannel(h.t.db, {
      brandId: null,
      kind: 'email',
      name: 'Typo',
      config: { recipients: ['nobody@acme.test'] },
      minSeverity: 'low',
    });
    const before = sink.received.length;
    const { deliveryIds } = await h.notify({
      brandId: null,
      kind: 'system',
      severity: 'low',
      title: 'Install notice',
      text: 'x',
    });
    const failed = await waitFor('the delivery to fail', async () => {
      const rows = await Promise.all(deliveryIds.map((id) => h.delivery(id)));
      return rows.find((r) => r.state === 'failed');
    });
    expect(failed.response_status).toBe(550);
    expect(failed.last_error).toMatch(/refused the message \(550/);
    expect(sink.received.length).toBe(before);
  });

  it('delivers to the recipients the server accepts and notes the refused ones in the log', async () => {
    sink.refuse('gone@acme.test');
    const channel = await insertNotificationChannel(h.t.db, {
      brandId: h.brandId,
      kind: 'email',
      name: 'Mixed',
      config: { recipients: ['gone@acme.test', 'here@acme.test'] },
      minSeverity: 'high',
    });
    const before = sink.received.length;
    const { notificationId } = await h.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Mixed recipients',
      text: 'x',
    });
    const row = await waitFor('the delivery', async () => {
      const r = await h.t.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('notification_id', '=', notificationId)
        .where('channel_id', '=', channel.id)
        .executeTakeFirstOrThrow();
      return r.state === 'delivered' ? r : undefined;
    });
    expect(row.last_error).toBe(
      'Sent, but the mail server refused gone@acme.test: check these addresses.',
    );
    const mixed = sink.received
      .slice(before)
      .find(
        (m) =>
          m.subject?.includes('Mixed recipients') &&
          JSON.stringify(m.to).includes('here@acme.test'),
      );
    expect(mixed).toBeDefined();
  });

  it('says clearly that email is not configured when the worker has no SMTP settings', async () => {
    await insertNotificationChannel(unconfigured.t.db, {
      brandId: null,
      kind: 'email',
      name: 'Team',
      config: { recipients: ['team@acme.test'] },
    });
    const { deliveryIds } = await unconfigured.notify({
      kind: 'spike',
      severity: 'high',
      title: 'Storm',
      text: 'x',
    });
    const row = await waitFor('the delivery to fail', async () => {
      const d = await unconfigured.delivery(deliveryIds[0]!);
      return d.state === 'failed' ? d : undefined;
    });
    expect(row.last_error).toMatch(
      /^Email is not configured: set EARSHOT_SMTP_URL and EARSHOT_MAIL_FROM/,
    );
    expect(row.attempts).toBe(1);
  });
});
