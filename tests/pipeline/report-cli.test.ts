import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateToLatest } from '@earshot/db';
import { SEEDED, seedReportWeek } from '@earshot/db/testing';
import { createTestDatabase } from '../support/child-earshot.ts';
import { runEarshot as run } from '../support/run-cli.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/report/', import.meta.url));

function popplerTool(name: 'pdftotext' | 'pdftoppm'): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: the PDF report test reads the PDF with Debian's poppler-utils (apt-get install -y poppler-utils).`);
  return path;
}

describe('earshot report', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
    const db = createDb({ url: database.url, max: 1 });
    try {
      await migrateToLatest(db);
      await seedReportWeek(db);
      await db.insertInto('brands').values({ name: 'Quiet Co' }).execute();
    } finally {
      await db.destroy();
    }
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => database?.drop());

  it('stops with one clear line and exit 1 on bad arguments', async () => {
    const cases: [string[], string][] = [
      [['report', '--brand', 'Kettle Co', '--week', '2026-W43'], '--format must be one of pdf, csv, json, mentions-csv.\n'],
      [['report', '--brand', 'Kettle Co', '--week', '2026-47', '--format', 'json'], '--week "2026-47" is not an ISO week; write it as 2026-W47.\n'],
      [['report', '--brand', 'Nope', '--week', '2026-W43', '--format', 'json'], 'No brand named or with the id "Nope"; check the name (it is case-sensitive) or use the brand\'s id.\n'],
    ];
    for (const [args, line] of cases) {
      const r = await run(args, env);
      expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 1, stderr: line, stdout: '' });
    }
  });

  it('writes the JSON report and stores it; the PDF has the brand, week and headline figures and its pages render', async () => {
    const json = await run(['report', '--brand', SEEDED.brand, '--week', SEEDED.week, '--format', 'json', '--as-of', SEEDED.asOf.toISOString()], env);
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/^Kettle Co, week 2026-W43 \(2026-10-19 to 2026-10-25\): 12 mentions \(\+100% on the period before\), 7 complaints, 78% answered within deadline\. Report built now and stored as [0-9a-f-]{36}\.\n$/);
    const report = JSON.parse(json.stdout) as { headline: { mentions: { value: number } }; period: { label: string } };
    expect([report.headline.mentions.value, report.period.label]).toEqual([12, '2026-W43']);

    const pdf = `${ARTIFACTS}kettle-2026-W43.pdf`;
    const made = await run(['report', '--brand', SEEDED.brand, '--week', SEEDED.week, '--format', 'pdf', '--out', pdf], env);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('Report the stored report');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync(popplerTool('pdftotext'), ['-layout', pdf, '-']).toString();
    // The stored report's figures, worked out in worker/src/reports/build-report.test.ts.
    for (const expected of ['Kettle Co: sentiment report', 'Week 2026-W43', '2026-10-19 to 2026-10-25, Europe/London', 'Mentions', '+100% on previous', 'Complaints', '+75% on previous', '-42', '+8.3 pts on previous', '78%', '7 of 9 due', '30 min', '2.0 h', 'delivery', 'late delivery', 'Ann', 'Bob', 'No response', 'page 1 of']) {
      expect(text, expected).toContain(expected);
    }
    const pages = Number(/page 1 of (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    execFileSync(popplerTool('pdftoppm'), ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, `${ARTIFACTS}kettle-2026-W43-page`]);
    const png = `${ARTIFACTS}kettle-2026-W43-page-${pages >= 10 ? '01' : '1'}.png`;
    expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it('writes the tables and the row-level CSV; a brand without mentions gets a report that says so', async () => {
    const csv = await run(['report', '--brand', SEEDED.brand, '--from', '2026-10-19', '--to', '2026-10-25', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('mentions,12,6,100\r\n');
    const rows = await run(['report', '--brand', SEEDED.brand, '--week', SEEDED.week, '--format', 'mentions-csv'], env);
    expect(rows.stdout.trimEnd().split('\r\n')).toHaveLength(13);
    const quiet = await run(['report', '--brand', 'Quiet Co', '--week', SEEDED.week, '--format', 'json'], env);
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout)).toMatchObject({ empty: true, summary: 'Quiet Co had no mentions in week 2026-W43 (2026-10-19 to 2026-10-25): nothing to report.' });
  });
});
