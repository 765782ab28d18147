import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@earshot/db/testing';
import { generateReport } from './generate-report.ts';
import { renderMentionsCsv } from './render-mentions-csv.ts';
import { renderReportCsv } from './render-report-csv.ts';
import { SEEDED, seedReportWeek, type SeededWeek } from '@earshot/db/testing';

describe('generateReport snapshots and CSV', () => {
  let t: TestDb;
  let seed: SeededWeek;
  beforeAll(async () => {
    t = await createTestDb();
    seed = await seedReportWeek(t.db);
  });
  afterAll(async () => t.drop());

  it('stores a finished week once and reads it back the same after the data changed', async () => {
    const first = await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: SEEDED.asOf });
    expect(first.source).toBe('built');
    expect(first.snapshotId).not.toBeNull();
    // An agent corrects m3 from positive to negative: a rebuilt report would differ.
    await t.db.updateTable('mentions').set({ sentiment: 'negative' }).where('id', '=', seed.ids.m3!).execute();
    const again = await generateReport(t.db, { brand: seed.brandId, week: SEEDED.week });
    expect(again).toMatchObject({ source: 'snapshot', snapshotId: first.snapshotId });
    expect(again.report).toEqual(JSON.parse(JSON.stringify(first.report)));
    const fresh = await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: SEEDED.asOf, fresh: true });
    expect(fresh.source).toBe('built');
    expect(fresh.report.headline.netSentiment.value).toBeCloseTo((1 - 8) / 12, 10); // m3 now negative
    expect((await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week })).snapshotId).toBe(fresh.snapshotId);
    // Asked as of another moment, it is built (and stored) for that moment.
    const later = await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: new Date('2026-10-27T12:00:00Z') });
    expect(later.source).toBe('built');
    expect(later.report.asOf).toBe('2026-10-27T12:00:00.000Z');
    expect((await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: new Date('2026-10-27T12:00:00Z') })).source).toBe('snapshot');
    await t.db.updateTable('mentions').set({ sentiment: 'positive' }).where('id', '=', seed.ids.m3!).execute();
  });

  it('does not store a report of a period not over yet', async () => {
    const partial = await generateReport(t.db, { brand: SEEDED.brand, week: '2026-W44', asOf: new Date('2026-10-28T12:00:00Z') });
    expect(partial).toMatchObject({ source: 'built', snapshotId: null });
    expect(await t.db.selectFrom('reports').select('id').where('period_label', '=', '2026-W44').execute()).toEqual([]);
  });

  it('writes the tables as CSV', async () => {
    const { report } = await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: SEEDED.asOf, fresh: true });
    const csv = renderReportCsv(report);
    expect(csv).toContain('"Kettle Co 2026-W43 (2026-10-19 to 2026-10-25, Europe/London)"\r\n');
    expect(csv).toContain('mentions,12,6,100\r\n');
    expect(csv).toContain('net sentiment (points),-41.7,-50,8.3\r\n');
    expect(csv).toContain('answered within deadline (%),77.8,,\r\n');
    expect(csv).toContain('2026-10-25,3,2,0,1\r\n');
    expect(csv).toContain('delivery,5,2,150,"Late delivery, parcel damaged",Parcel missing for a week\r\n');
    expect(csv).toContain('P1,3,3,3,2,1,0,0,66.7,20,75\r\n');
    expect(csv).toContain('No response,4,0,1,0,0,1,1,0,,\r\n');
  });

  it('writes every mention of the week with its deadline, first response and outcome', async () => {
    const { report } = await generateReport(t.db, { brand: SEEDED.brand, week: SEEDED.week, asOf: SEEDED.asOf });
    const lines: string[] = [];
    for await (const line of renderMentionsCsv(t.db, report)) lines.push(line);
    expect(lines).toHaveLength(13); // header + m1–m12
    const byId = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.trimEnd().split(',')]));
    const col = (key: string, name: string) => byId.get(seed.ids[key])![lines[0]!.trimEnd().split(',').indexOf(name)];
    expect([col('m2', 'outcome'), col('m2', 'first_response_business_minutes'), col('m2', 'first_response_by')]).toEqual(['late', '75', 'Bob']);
    expect([col('m11', 'outcome'), col('m11', 'first_response_business_minutes'), col('m11', 'first_response_by')]).toEqual(['within', '120', 'Bob']);
    expect([col('m7', 'outcome'), col('m12', 'outcome'), col('m8', 'outcome'), col('m10', 'outcome')]).toEqual(['missed', 'pending', 'not due', 'not due']);
    expect([col('m7', 'posted_local'), col('m7', 'deadline')]).toEqual(['2026-10-25 00:30', '2026-10-26T11:00:00.000Z']);
  });
});
