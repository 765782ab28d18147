import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotificationChannel } from '@earshot/db';
import { seedReportWeek } from '@earshot/db/testing';
import { handleWeeklyReport, resolveReportAttachment } from '@earshot/worker';
import { startDeliveryHarness, type DeliveryHarness } from '../support/delivery-setup.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { waitFor } from '../support/start-test-app.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/report/', import.meta.url));

describe('the weekly report by email', () => {
  let sink: SmtpSink;
  let h: DeliveryHarness;
  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startDeliveryHarness({
      mail: { smtpUrl: sink.url, from: 'Earshot <reports@earshot.test>' },
      publicUrl: 'https://earshot.example.com',
      attachmentResolvers: { report: resolveReportAttachment },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await sink?.close();
  });

  it('arrives at a loopback SMTP server with the headline figures and the PDF attached', async () => {
    const seed = await seedReportWeek(h.t.db);
    await insertNotificationChannel(h.t.db, { brandId: seed.brandId, kind: 'email', name: 'Managers', config: { recipients: ['boss@kettle.test'] } });
    // The Monday job for Kettle Co (Europe/London) at 09:00 GMT on 26 October 2026.
    await handleWeeklyReport(h.runtime, { brandId: seed.brandId }, new Date('2026-10-26T09:00:00Z'));
    await waitFor('the report email', async () => sink.received.length === 1);

    const mail = sink.received[0]!;
    expect(mail.subject).toContain('Kettle Co: sentiment report 2026-W43');
    expect(mail.text).toContain('Kettle Co, week 2026-W43 (2026-10-19 to 2026-10-25): 12 mentions (+100% on the period before), 7 complaints');
    expect(mail.text).toContain('Mentions: 12');
    expect(mail.text).toContain('https://earshot.example.com/inbox?brandId=');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Kettle-Co-2026-W43.pdf', 'application/pdf']]);
    const pdf = mail.attachments[0]!.content;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!existsSync('/usr/bin/pdftotext')) throw new Error('/usr/bin/pdftotext is missing: install Debian\'s poppler-utils to read the attached PDF.');
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}emailed-kettle-2026-W43.pdf`;
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', [file, '-']).toString();
    expect(text).toContain('Kettle Co: sentiment report');
    expect(text).toContain('Week 2026-W43');
  });
});
