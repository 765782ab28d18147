export { buildReport, describeBusinessHours, type ReportRequest } from './build-report.ts';
export {
  weekPeriod,
  rangePeriod,
  previousPeriod,
  isoWeekOf,
  type ReportPeriod,
} from './report-period.ts';
export { risingPhrases, type RisingPhrase } from './rising-phrases.ts';
export type * from './report-types.ts';
export { generateReport, type GeneratedReport } from './generate-report.ts';
export { renderReportCsv } from './render-report-csv.ts';
export { renderMentionsCsv, MENTIONS_CSV_HEADER } from './render-mentions-csv.ts';
export { renderReportPdf } from './render-report-pdf.ts';
