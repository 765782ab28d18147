import { ALL_BRANDS, findReportSnapshotById, type NotificationAttachment, type Runtime } from '@earshot/db';
import type { ResolvedAttachment } from '../delivery/delivery-deps.ts';
import { renderReportCsv } from './render-report-csv.ts';
import { renderReportPdf } from './render-report-pdf.ts';
import type { Report } from './report-types.ts';

/**
 * The delivery's reader for `report` attachments: renders the stored report (as it was stored,
 * so an email sent late shows the same figures) as PDF or CSV. A report deleted since fails
 * the delivery with a message saying so.
 */
export async function resolveReportAttachment(ref: NotificationAttachment, runtime: Runtime): Promise<ResolvedAttachment> {
  if (ref.kind !== 'report') throw new Error(`resolveReportAttachment was given a ${ref.kind} attachment.`);
  const stored = await findReportSnapshotById(runtime.db, ref.reportId, ALL_BRANDS);
  if (!stored) throw new Error(`Stored report ${ref.reportId} no longer exists, so its ${ref.format.toUpperCase()} cannot be attached.`);
  const report = stored.report as Report;
  return ref.format === 'pdf'
    ? { filename: ref.filename, contentType: 'application/pdf', content: await renderReportPdf(report) }
    : { filename: ref.filename, contentType: 'text/csv; charset=utf-8', content: Buffer.from(renderReportCsv(report), 'utf8') };
}
