export { buildReport, describeBusinessHours, type ReportRequest } from './build-report.ts';
export {
  weekPeriod,
  rangePeriod,
  previousPeriod,
  isoWeekOf,
  type ReportPeriod,
} from './report-period.ts';
export { risingPhrases, phrasesOf, type RisingPhrase } from './rising-phrases.ts';
export type * from './report-types.ts';
