import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED, seedReportWeek } from '@earshot/db/testing';
import { generateReport } from '@earshot/worker';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('stored reports through the API', () => {
  let app: TestApp;
  let admin: ApiClient;
  let brandId: string;
  let reportId: string;
  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
    brandId = (await seedReportWeek(app.db)).brandId;
    reportId = (await generateReport(app.db, { brand: brandId, week: SEEDED.week, asOf: SEEDED.asOf })).snapshotId!;
  });
  afterAll(async () => app?.stop());

  it('lists a brand\'s stored reports and returns one as it was stored', async () => {
    const list = await admin.request<{ reports: { id: string; period: string; asOf: string }[] }>('GET', `/api/brands/${brandId}/reports`);
    expect(list.status).toBe(200);
    expect(list.body.reports).toEqual([expect.objectContaining({ id: reportId, period: '2026-W43', asOf: '2026-10-26T12:00:00.000Z' })]);
    const one = await admin.request<{ report: { headline: { mentions: { value: number; filter: { brandId: string } } } } }>('GET', `/api/reports/${reportId}`);
    expect(one.status).toBe(200);
    expect(one.body.report.headline.mentions).toMatchObject({ value: 12, filter: { brandId } });
  });

  it('says what is wrong with a bad or unknown id', async () => {
    expect((await admin.request('GET', '/api/reports/nope')).status).toBe(400);
    expect((await admin.request('GET', '/api/reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin.request('GET', '/api/brands/00000000-0000-4000-8000-000000000000/reports')).status).toBe(404);
    expect((await new ApiClient(app.url).request('GET', `/api/reports/${reportId}`)).status).toBe(401);
  });
});
