import type { Database } from '@earshot/db';
import { renderMentionsCsv, renderReportCsv, renderReportPdf, type Report } from '@earshot/worker';
import type { ReportRenderers } from '@earshot/web';

/**
 * The worker's report renderers, handed to the web role by the process entry (web depends on db
 * only). The API's ReportDto is the worker's Report as stored; tests/pipeline/reports-api.test.ts
 * checks that the types agree.
 */
export function workerReportRenderers(db: Database): ReportRenderers {
  const asReport = (dto: unknown) => dto as Report;
  return {
    pdf: (report) => renderReportPdf(asReport(report)),
    csv: (report) => renderReportCsv(asReport(report)),
    mentionsCsv: (report) => renderMentionsCsv(db, asReport(report)),
  };
}
