import { findReportBrand, type JobPayload, type Runtime } from '@earshot/db';
import { generateReport } from '../reports/generate-report.ts';
import { isoWeekOf } from '../reports/report-period.ts';

/**
 * Builds and stores the brand's report of the ISO week before `scheduledAt` (the scheduler's
 * Monday 09:00), as of that instant, so a job that runs late or is retried stores the same
 * report; a stored snapshot of that week is left as it is. A deleted brand is skipped.
 */
export async function handleWeeklyReport(runtime: Pick<Runtime, 'db' | 'logger'>, payload: JobPayload<'weeklyReport'>, scheduledAt: Date): Promise<void> {
  const found = await findReportBrand(runtime.db, payload.brandId);
  if (!found) return;
  const timeZone = found.policy?.time_zone ?? 'UTC';
  // A day before Monday 09:00 is Sunday, in the week that just ended.
  const week = isoWeekOf(new Date(scheduledAt.getTime() - 86_400_000), timeZone);
  const result = await generateReport(runtime.db, { brand: found.brand.id, week, asOf: scheduledAt, now: new Date() });
  runtime.logger.info('weekly report ready', { brandId: found.brand.id, week, source: result.source, snapshotId: result.snapshotId });
}
