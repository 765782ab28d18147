import { hasReportNotification, inboxFilterSearchParams, insertNotification, queueNotificationDeliveries, type Runtime } from '@earshot/db';
import type { Report } from './report-types.ts';

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
const minutes = (x: number | null) => (x === null ? '-' : `${Math.round(x)} min`);

/**
 * Tells the brand's channels (email, webhooks) that a stored report is ready: one notification
 * (kind 'report', its source the stored report) with the headline figures and the PDF attached
 * by reference, then one delivery job per channel. Once per stored report: a retried job that
 * finds the notification does nothing.
 */
export async function notifyReport(runtime: Pick<Runtime, 'db' | 'bus'>, reportId: string, report: Report): Promise<{ notified: boolean; deliveries: number }> {
  if (await hasReportNotification(runtime.db, reportId)) return { notified: false, deliveries: 0 };
  const h = report.headline;
  const { deliveries } = await runtime.db.transaction().execute((trx) =>
    insertNotification(trx, {
      brandId: report.brand.id,
      kind: 'report',
      sourceId: reportId,
      severity: 'low',
      title: `${report.brand.name}: sentiment report ${report.period.label}`,
      text: report.summary,
      details: {
        explanation: `Response times in business hours (${report.businessHours}); replies counted up to ${report.asOf}.`,
        figures: [
          { label: 'Mentions', value: h.mentions.value ?? 0 },
          { label: 'Net sentiment', value: h.netSentiment.value === null ? '-' : Math.round(h.netSentiment.value * 100) },
          { label: 'Complaints', value: h.complaints.value ?? 0 },
          { label: 'Answered within deadline', value: pct(h.withinDeadline.value) },
          { label: 'Median first response', value: minutes(h.firstResponseMedianMinutes.value) },
          { label: '90th percentile first response', value: minutes(h.firstResponseP90Minutes.value) },
        ],
      },
      linkPath: `/inbox?${inboxFilterSearchParams(h.mentions.filter)}`,
      attachment: { kind: 'report', reportId, format: 'pdf', filename: `${report.brand.name.replace(/[^\w.-]+/g, '-')}-${report.period.label}.pdf` },
    }),
  );
  await queueNotificationDeliveries(runtime.bus, deliveries);
  return { notified: true, deliveries: deliveries.length };
}
