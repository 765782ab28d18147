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

  it('draws a 40-day range and text outside its fonts without failing', async () => {
    const report = await buildReport(t.db, { brand: 'Émoji Café', from: '2026-09-20', to: '2026-10-29' });
    expect(report.daily).toHaveLength(40);
    const text = pdfText(await renderReportPdf(report));
    expect(text).toContain('Émoji Café: sentiment report');
    expect(text).toContain('Still waiting ? for my café order… ñ');
  });
});
