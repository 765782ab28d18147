import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED, seedReportWeek, type SeededWeek } from '@earshot/db/testing';
import type { ReportSnapshotDto } from '@earshot/web';
import { seedBrand } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// The Reports page on a seeded week (brand "Kettle Co", 2026-W43): charts, figures that open
// the inbox on exactly their mentions, downloads, the empty state, and a phone-width layout.

let app: TestApp;
let seeded: SeededWeek;
let quietBrandId: string;
const { openPage } = useBrowser();

beforeAll(async () => {
  app = await startTestApp({ demo: 'off', roles: ['web', 'worker'] });
  seeded = await seedReportWeek(app.db);
  // A storm on Wednesday of the seeded week: the report marks it on the chart and lists it.
  await app.db
    .insertInto('alerts')
    .values({
      kind: 'spike',
      brand_id: seeded.brandId,
      message: 'Negative mentions: 14 in 30 min, 3.1× the normal for this hour.',
      created_at: new Date('2026-10-21T10:05:00Z'),
      started_at: new Date('2026-10-21T10:00:00Z'),
      resolved_at: new Date('2026-10-21T11:30:00Z'),
      peak: 6,
      total: 14,
    })
    .execute();
  quietBrandId = (await seedBrand(app.db, 'Quiet Co')).id;
});

afterAll(async () => {
  await app?.stop();
});

const reportPath = (brandId: string, week: string) => `/reports?brandId=${brandId}&week=${week}`;

/** The report the page shows, read from the API with the page's session. */
async function shownReport(page: Page): Promise<ReportSnapshotDto> {
  const id = await page.getByTestId('report').getAttribute('data-report-id');
  return page.evaluate(async (id) => ((await (await fetch(`/api/reports/${id}`)).json()) as { snapshot: ReportSnapshotDto }).snapshot, id!);
}

/**
 * The whole page in one picture: the app scrolls inside its page element, not the document, so
 * the viewport is made as tall as the page for the shot (and put back after).
 */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.getByTestId('reports-page').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.ceil(height), 8_000) });
  await page.waitForTimeout(300); // the chart re-measures its container
  await page.screenshot({ path: `${ARTIFACTS}${name}` });
  await page.setViewportSize(viewport);
}

/** How many mentions the inbox lists, after every page is loaded. */
async function inboxRows(page: Page): Promise<number> {
  await page.getByTestId('inbox-list').or(page.getByTestId('inbox-empty')).waitFor();
  while (await page.getByTestId('load-more').isVisible()) {
    await page.getByTestId('load-more').click();
    await page.waitForTimeout(200);
  }
  return page.getByTestId('inbox-row').count();
}

describe('reports page', () => {
  it('shows a seeded week with its chart; a figure opens the inbox on exactly its mentions', async () => {
    const { page, pageErrors, cspViolations, dialogs } = await openPage();
    await signIn(page, app, '/reports');
    expect(await page.getByTestId('nav-reports').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('report-brand').selectOption(seeded.brandId);
    await page.getByTestId('report-week').fill(SEEDED.week);
    await page.getByTestId('report-show').click();
    await page.getByTestId('report').waitFor();
    expect(new URL(page.url()).search).toBe(`?brandId=${seeded.brandId}&week=${SEEDED.week}`);
    const snapshot = await shownReport(page);
    const report = snapshot.report;

    // Headline and chart.
    expect(await page.getByTestId('headline-mentions').textContent()).toBe(String(report.headline.mentions.value));
    expect(await page.getByTestId('headline-complaints').textContent()).toBe(String(report.headline.complaints.value));
    const bars = page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle');
    await eventually(() => bars.count()).toBeGreaterThan(0);
    const drawn = report.daily.reduce((n, d) => n + (d.negative > 0 ? 1 : 0) + (d.neutral > 0 ? 1 : 0) + (d.positive > 0 ? 1 : 0), 0);
    expect(await bars.count()).toBe(drawn);
    // The week's alert: a numbered mark on its day, and listed under the chart in words.
    expect(report.alerts).toHaveLength(1);
    expect(await page.locator('[data-testid="daily-chart"] .recharts-reference-line').count()).toBe(1);
    expect(await page.getByTestId('report-alerts').textContent()).toContain('Negative mentions: 14 in 30 min');
    expect(await page.getByTestId('report-topics').locator('li.topic').count()).toBe(report.topics.length);
    expect(await page.getByTestId('response-priority').locator('tbody tr').count()).toBe(report.response.byPriority.length);
    await fullScreenshot(page, 'reports-desktop.png');

    // A headline figure: the week's complaints.
    await page.getByTestId('headline-complaints').click();
    await eventually(() => new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).searchParams.get('intent')).toBe('complaint');
    expect(await inboxRows(page)).toBe(report.headline.complaints.value);
    expect(await page.getByTestId('active-filters').textContent()).toContain('Intent: complaint');
    await page.screenshot({ path: `${ARTIFACTS}reports-inbox-filtered.png` });
    // Opening a mention and closing it keeps the filters.
    const filteredSearch = new URL(page.url()).search;
    await page.getByTestId('inbox-row').first().click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/mentions\//);
    expect(new URL(page.url()).search).toBe(filteredSearch);
    await page.getByTestId('close-mention').click();
    await eventually(() => new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).search).toBe(filteredSearch);
    expect(await inboxRows(page)).toBe(report.headline.complaints.value);
    await page.goBack();
    await page.goBack();

    // Back to the report; a response figure with an outcome (answered after the week ended).
    await page.goBack();
    await page.getByTestId('report').waitFor();
    await page.getByTestId('response-answered-after').click();
    await eventually(() => new URL(page.url()).searchParams.get('response')).toBe('answered-after');
    expect(await inboxRows(page)).toBe(report.response.answeredAfter.value);

    // A bar of the chart: the first day with negative mentions.
    await page.goBack();
    await page.getByTestId('report').waitFor();
    const dayIndex = report.daily.findIndex((d) => d.negative > 0);
    const day = report.daily[dayIndex]!;
    const negativeBars = page.locator('[data-testid="daily-chart"] .bar-negative .recharts-bar-rectangle');
    await negativeBars.first().click();
    await eventually(() => new URL(page.url()).searchParams.get('sentiment')).toBe('negative');
    expect(new URL(page.url()).searchParams.get('postedFrom')).toBe(day.filter.postedFrom);
    expect(await inboxRows(page)).toBe(day.negative);

    // Clearing the filters leaves the brand and shows its open mentions.
    await page.getByTestId('clear-filters').click();
    await eventually(() => page.getByTestId('active-filters').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('brandId')).toBe(seeded.brandId);
    expect(new URL(page.url()).searchParams.get('sentiment')).toBeNull();
    // The navigation's Inbox link comes back to the view last shown.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('nav-inbox').click();
    await eventually(() => new URL(page.url()).searchParams.get('brandId')).toBe(seeded.brandId);

    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('downloads the PDF, the CSV of the tables and the mentions CSV', async () => {
    const { page, cspViolations } = await openPage();
    await signIn(page, app, reportPath(seeded.brandId, SEEDED.week));
    await page.getByTestId('report').waitFor();
    const snapshot = await shownReport(page);
    const save = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const pdf = await save('download-pdf');
    expect(pdf.name).toBe('Kettle-Co-2026-W43.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const csv = await save('download-csv');
    expect(csv.name).toBe('Kettle-Co-2026-W43.csv');
    expect(csv.bytes.toString('utf8').split('\r\n')[1]).toBe('figure,value,previous period,change');
    const mentions = await save('download-mentions-csv');
    const lines = mentions.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,posted_at,/);
    expect(lines).toHaveLength(snapshot.report.headline.mentions.value! + 1);
    expect(cspViolations).toEqual([]);
  });

  it('says so for a brand with no mentions or a week that does not exist, and compares with the week before', async () => {
    const { page, pageErrors, cspViolations } = await openPage();
    await signIn(page, app, reportPath(quietBrandId, SEEDED.week));
    await page.getByTestId('report-empty').waitFor();
    expect(await page.getByTestId('report-summary').textContent()).toMatch(/Quiet Co had no mentions/);
    expect(await page.getByTestId('daily-chart').count()).toBe(0);

    // A week that does not exist (a hand-edited link): the worker's reason, and a way to retry.
    await page.goto(new URL(reportPath(seeded.brandId, '2026-W60'), app.url).href);
    await page.getByTestId('report-error').waitFor();
    expect(await page.getByTestId('report-error').textContent()).toMatch(/2026-W60.*does not exist/);

    await page.goto(new URL(reportPath(seeded.brandId, SEEDED.week), app.url).href);
    await page.getByTestId('report').waitFor();
    await page.getByTestId('report-compare').check();
    // The week before is drawn as a line over the bars.
    await eventually(() => page.locator('[data-testid="daily-chart"] .recharts-line').count()).toBe(1);
    await page.getByTestId('daily-chart').screenshot({ path: `${ARTIFACTS}reports-compare-chart.png` });
    const stored = page.getByTestId('stored-reports');
    await eventually(() => stored.textContent()).toContain(SEEDED.week);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('a report shown is its address: it survives a reload, Back and Forward, with the comparison', async () => {
    const { page, pageErrors, cspViolations } = await openPage();
    const search = () => new URL(page.url()).search;
    await signIn(page, app, '/reports');
    await page.getByTestId('report-prompt').waitFor();
    await page.getByTestId('report-brand').selectOption(seeded.brandId);
    await page.getByTestId('report-week').fill(SEEDED.week);
    await page.getByTestId('report-show').click();
    await page.getByTestId('report').waitFor();
    expect(search()).toBe(`?brandId=${seeded.brandId}&week=${SEEDED.week}`);
    const shownId = await page.getByTestId('report').getAttribute('data-report-id');

    await page.getByTestId('report-compare').check();
    await eventually(search).toBe(`?brandId=${seeded.brandId}&week=${SEEDED.week}&compare=1`);
    await eventually(() => page.locator('[data-testid="daily-chart"] .recharts-line').count()).toBe(1);
    await page.reload();
    await page.getByTestId('report').waitFor();
    expect(await page.getByTestId('report').getAttribute('data-report-id')).toBe(shownId);
    expect(await page.getByTestId('report-compare').isChecked()).toBe(true);
    expect(await page.getByTestId('report-week').inputValue()).toBe(SEEDED.week);
    await eventually(() => page.locator('[data-testid="daily-chart"] .recharts-line').count()).toBe(1);

    // Back: the same report without the comparison, then the empty page it was asked from.
    await page.goBack();
    await eventually(search).toBe(`?brandId=${seeded.brandId}&week=${SEEDED.week}`);
    await eventually(() => page.getByTestId('report-compare').isChecked()).toBe(false);
    await eventually(() => page.locator('[data-testid="daily-chart"] .recharts-line').count()).toBe(0);
    await page.goBack();
    await eventually(search).toBe('');
    await page.getByTestId('report-prompt').waitFor();
    await page.goForward();
    await page.goForward();
    await eventually(search).toBe(`?brandId=${seeded.brandId}&week=${SEEDED.week}&compare=1`);
    await eventually(() => page.getByTestId('report').getAttribute('data-report-id')).toBe(shownId);
    await eventually(() => page.getByTestId('report-compare').isChecked()).toBe(true);

    // A hand-edited address that names no whole period asks for nothing, and fails nothing.
    await page.goto(new URL(`/reports?brandId=${seeded.brandId}&week=43&compare=yes`, app.url).href);
    await page.getByTestId('report-prompt').waitFor();
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('fits a phone: no sideways scrolling, the chart and headline visible', async () => {
    const { page, cspViolations } = await openPage({ width: 390, height: 844 });
    await signIn(page, app, reportPath(seeded.brandId, SEEDED.week));
    await page.getByTestId('report').waitFor();
    await eventually(() => page.locator('[data-testid="daily-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const chart = await page.getByTestId('daily-chart').boundingBox();
    expect(chart!.width).toBeGreaterThan(300);
    await fullScreenshot(page, 'reports-phone.png');
    expect(cspViolations).toEqual([]);
  });
});
