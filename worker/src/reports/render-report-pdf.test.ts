import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { buildReport } from './build-report.ts';
import { renderReportPdf } from './render-report-pdf.ts';

function pdfText(pdf: Buffer): string {
  if (!existsSync('/usr/bin/pdftotext')) throw new Error('/usr/bin/pdftotext is missing: install Debian\'s poppler-utils to read the PDF.');
  const dir = mkdtempSync(join(tmpdir(), 'earshot-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync('/usr/bin/pdftotext', [join(dir, 'r.pdf'), '-']).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderReportPdf', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const busy = (await t.db.insertInto('brands').values([{ name: 'Quiet Co' }, { name: 'Émoji Café' }]).returning('id').execute())[1]!.id;
    await t.db.insertInto('mentions').values(buildMention(busy, { text: 'Still waiting 😡 for my café order… ñ', topic: 'delivery', author_followers: 10, posted_at: new Date('2026-10-05T10:00:00Z') })).execute();
  });
  afterAll(async () => t.drop());

  it('says so for a brand without mentions', async () => {
    const text = pdfText(await renderReportPdf(await buildReport(t.db, { brand: 'Quiet Co', week: '2026-W43' })));
    expect(text).toContain('Quiet Co had no mentions in week 2026-W43');
  });

  it('marks and lists the alerts of the period', async () => {
    const brandId = (await t.db.insertInto('brands').values({ name: 'Alerted Co' }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('mentions').values(buildMention(brandId, { posted_at: new Date('2026-10-20T10:00:00Z') })).execute();
    await t.db.insertInto('alerts').values({ kind: 'spike', brand_id: brandId, message: 'Negative spike: lost parcels', started_at: '2026-10-20T09:55:00Z', resolved_at: '2026-10-20T11:00:00Z' }).execute();
    const text = pdfText(await renderReportPdf(await buildReport(t.db, { brand: 'Alerted Co', week: '2026-W43' })));
    expect(text).toContain('(1) spike, from 2026-10-20 09:55 UTC to 2026-10-20 11:00 UTC: Negative spike: lost parcels');
  });

  it('draws a 40-day range and text outside its fonts without failing', async () => {
    const report = await buildReport(t.db, { brand: 'Émoji Café', from: '2026-09-20', to: '2026-10-29' });
    expect(report.daily).toHaveLength(40);
    const text = pdfText(await renderReportPdf(report));
    expect(text).toContain('Émoji Café: sentiment report');
    expect(text).toContain('Still waiting ? for my café order… ñ');
  });
});
