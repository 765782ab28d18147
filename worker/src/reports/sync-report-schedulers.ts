import { jobs, listBrandTimeZones, type Database, type JobBus } from '@earshot/db';

const SCHEDULER_PREFIX = 'weekly-report-';
/** Monday 09:00, read in the scheduler's time zone (cron: minute hour day-of-month month day-of-week). */
export const WEEKLY_REPORT_PATTERN = '0 9 * * 1';

/**
 * Makes Redis hold exactly one weekly-report job scheduler per brand, firing on Monday at 09:00
 * in the brand's time zone (its SLA policy's): BullMQ evaluates the cron pattern in that zone, so
 * the run stays at 09:00 local across daylight-saving changes. Idempotent: every worker runs it
 * at start and now and then, which also follows time-zone changes and rebuilds schedulers Redis lost.
 */
export async function syncReportSchedulers(deps: { db: Database; bus: JobBus }): Promise<{ scheduled: number; removed: number }> {
  const queue = deps.bus.queue('weeklyReport');
  const brands = await listBrandTimeZones(deps.db);
  const wanted = new Set<string>();
  for (const { brandId, timeZone } of brands) {
    const id = `${SCHEDULER_PREFIX}${brandId}`;
    wanted.add(id);
    await queue.upsertJobScheduler(
      id,
      { pattern: WEEKLY_REPORT_PATTERN, tz: timeZone },
      { name: jobs.weeklyReport.name, data: { brandId }, opts: jobs.weeklyReport.options },
    );
  }
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    if (scheduler.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(scheduler.key)) {
      await queue.removeJobScheduler(scheduler.key);
      removed++;
    }
  }
  return { scheduled: wanted.size, removed };
}
