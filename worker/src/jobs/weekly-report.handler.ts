import { findReportBrand, type JobPayload, type Runtime } from '@earshot/db';
import { notifyReport } from '../reports/notify-report.ts';
import { generateReport } from '../reports/generate-report.ts';
import { isoWeekOf } from '../reports/report-period.ts';

/**
 * Builds and stores the brand's report of the ISO week before `scheduledAt` (the scheduler's
 * Monday 09:00), as of that instant, so a job that runs late or is retried stores the same
 * report; a stored snapshot of that week is left as it is, and sent to the brand's channels
 * (email with the PDF, webhooks) once. A deleted brand is skipped.
 */
export async function handleWeeklyReport(runtime: Runtime, payload: JobPayload<'weeklyReport'>, scheduledAt: Date): Promise<void> {
  const found = await findReportBrand(runtime.db, payload.brandId);
  if (!found) return;
  const timeZone = found.policy?.time_zone ?? 'UTC';
  // A day before Monday 09:00 is Sunday, in the week that just ended.
  const week = isoWeekOf(new Date(scheduledAt.getTime() - 86_400_000), timeZone);
  const result = await generateReport(runtime.db, { brand: found.brand.id, week, asOf: scheduledAt, now: new Date() });
  // Stored reports go to the brand's channels once (a retry after a crash finds the snapshot
  // and still sends, if the notification was not yet made).
  const sent = result.snapshotId ? await notifyReport(runtime, result.snapshotId, result.report) : { notified: false, deliveries: 0 };
  runtime.logger.info('weekly report ready', { brandId: found.brand.id, week, source: result.source, snapshotId: result.snapshotId, ...sent });
}
