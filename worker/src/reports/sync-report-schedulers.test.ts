import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNextMillis } from 'bullmq';
import { insertNotificationChannel, JobBus, silentLogger } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, SEEDED, seedReportWeek, testPrefix, testRedisUrl, type TestDb } from '@earshot/db/testing';
import { handleWeeklyReport } from '../jobs/weekly-report.handler.ts';
import { syncReportSchedulers, WEEKLY_REPORT_PATTERN } from './sync-report-schedulers.ts';
import { resolveReportAttachment } from './resolve-report-attachment.ts';

describe('weekly report schedulers', () => {
  let t: TestDb;
  let bus: JobBus;
  let prefix: string;
  let london: string;
  let newYork: string;
  beforeAll(async () => {
    t = await createTestDb();
    prefix = testPrefix();
    bus = new JobBus({ redisUrl: testRedisUrl, prefix });
    london = (await seedReportWeek(t.db)).brandId; // Kettle Co, Europe/London
    newYork = (await t.db.insertInto('brands').values({ name: 'Bagel Co' }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('sla_policies').values({ brand_id: newYork, time_zone: 'America/New_York', targets_minutes: JSON.stringify({ P1: 60, P2: 120, P3: 240, P4: 480 }) }).execute();
  });
  afterAll(async () => {
    await bus.close();
    await deleteRedisPrefix(testRedisUrl, prefix);
    await t.drop();
  });

  it('keeps one scheduler per brand at Monday 09:00 in its time zone, across daylight-saving changes', async () => {
    expect(await syncReportSchedulers({ db: t.db, bus })).toMatchObject({ scheduled: 3 }); // Kettle, Other Co (UTC), Bagel
    const queue = bus.queue('weeklyReport');
    const schedulers = await queue.getJobSchedulers(0, -1);
    const byBrand = new Map(schedulers.map((s) => [s.key.replace('weekly-report-', ''), s]));
    expect(byBrand.get(london)).toMatchObject({ pattern: WEEKLY_REPORT_PATTERN, tz: 'Europe/London' });
    expect(byBrand.get(newYork)).toMatchObject({ pattern: WEEKLY_REPORT_PATTERN, tz: 'America/New_York' });

    // The next runs BullMQ computes from each stored scheduler (its own repeat strategy).
    const runs = (brandId: string, from: string, n: number) => {
      const s = byBrand.get(brandId)!;
      const out: string[] = [];
      let at = new Date(from).getTime();
      for (let i = 0; i < n; i++) {
        at = getNextMillis(at, { pattern: s.pattern!, tz: s.tz! })!;
        out.push(new Date(at).toISOString());
      }
      return out;
    };
    // London: clocks go back Sunday 25 Oct 2026 (BST → GMT) and forward Sunday 29 Mar 2026.
    expect(runs(london, '2026-10-15T00:00:00Z', 3)).toEqual(['2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
    expect(runs(london, '2026-03-20T00:00:00Z', 2)).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    // New York: back Sunday 1 Nov 2026 (EDT → EST), forward Sunday 8 Mar 2026.
    expect(runs(newYork, '2026-10-22T00:00:00Z', 3)).toEqual(['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-09T14:00:00.000Z']);
    expect(runs(newYork, '2026-03-01T00:00:00Z', 2)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z']);

    // The scheduler's first job waits for the next Monday 09:00 local.
    const next = byBrand.get(london)!.next!;
    expect(next).toBe(getNextMillis(Date.now(), { pattern: WEEKLY_REPORT_PATTERN, tz: 'Europe/London' }));
    const delayed = await queue.getDelayed();
    expect(delayed.filter((j) => j.data.brandId === london)).toHaveLength(1);

    // A deleted brand loses its scheduler; syncing again changes nothing else.
    await t.db.deleteFrom('brands').where('name', '=', 'Other Co').execute();
    expect(await syncReportSchedulers({ db: t.db, bus })).toEqual({ scheduled: 2, removed: 1 });
    expect(await syncReportSchedulers({ db: t.db, bus })).toEqual({ scheduled: 2, removed: 0 });
  });

  it('the Monday job stores the week that just ended, once, and sends it to the brand\'s channels with the PDF', async () => {
    await insertNotificationChannel(t.db, { brandId: london, kind: 'email', name: 'Managers', config: { recipients: ['boss@kettle.test'] } });
    // Monday 26 Oct 2026 09:00 GMT: the report of 2026-W43, as of then.
    const scheduledAt = new Date('2026-10-26T09:00:00Z');
    const runtime = { db: t.db, bus, logger: silentLogger };
    await handleWeeklyReport(runtime, { brandId: london }, scheduledAt);
    await handleWeeklyReport(runtime, { brandId: london }, scheduledAt); // a retry
    const stored = await t.db.selectFrom('reports').select(['id', 'period_label', 'as_of']).where('brand_id', '=', london).execute();
    expect(stored.map(({ period_label, as_of }) => ({ period_label, as_of }))).toEqual([{ period_label: SEEDED.week, as_of: scheduledAt }]);

    const notifications = await t.db.selectFrom('notifications').select(['kind', 'source_id', 'title', 'attachment']).execute();
    expect(notifications).toEqual([
      {
        kind: 'report',
        source_id: stored[0]!.id,
        title: 'Kettle Co: sentiment report 2026-W43',
        attachment: { kind: 'report', reportId: stored[0]!.id, format: 'pdf', filename: 'Kettle-Co-2026-W43.pdf' },
      },
    ]);
    expect(await t.db.selectFrom('notification_deliveries').select('id').execute()).toHaveLength(1);
    const pdf = await resolveReportAttachment(notifications[0]!.attachment as never, runtime);
    expect(pdf).toMatchObject({ filename: 'Kettle-Co-2026-W43.pdf', contentType: 'application/pdf' });
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
