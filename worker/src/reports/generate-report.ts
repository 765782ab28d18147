import { findReportBrand, findReportSnapshot, insertReportSnapshot, AppError, type Database } from '@earshot/db';
import { slaRulesFromPolicy } from '@earshot/policy';
import { buildReport, type ReportRequest } from './build-report.ts';
import { rangePeriod, weekPeriod } from './report-period.ts';
import type { Report } from './report-types.ts';

export interface GeneratedReport {
  report: Report;
  /** Where it came from: a stored snapshot read back, or built now (and stored, if the period is over). */
  source: 'snapshot' | 'built';
  snapshotId: string | null;
}

/**
 * The report of a brand and period as it should be read: a finished period's stored snapshot
 * when there is one (so last month's report reads the same next year), else built now — and
 * stored when the period is over by `asOf`, so the next reader gets the same. `fresh` builds
 * and stores a new snapshot even when one exists (the newest is the one read back); so does an
 * `asOf` other than the stored report's.
 */
export async function generateReport(db: Database, request: ReportRequest & { fresh?: boolean | undefined }): Promise<GeneratedReport> {
  const found = await findReportBrand(db, request.brand);
  if (!found) throw new AppError('NOT_FOUND', `No brand named or with the id "${request.brand}"; check the name (it is case-sensitive) or use the brand's id.`);
  const rules = slaRulesFromPolicy(found.policy);
  const period = 'week' in request ? weekPeriod(request.week, rules.timeZone) : rangePeriod(request.from, request.to, rules.timeZone);
  const periodStart = new Date(period.start);
  const periodEnd = new Date(period.end);
  if (!request.fresh) {
    const stored = await findReportSnapshot(db, { brandId: found.brand.id, periodStart, periodEnd });
    // A stored report answers unless the caller asks for a different moment to count up to.
    const sameMoment = request.asOf === undefined || stored?.as_of.getTime() === request.asOf.getTime();
    if (stored && stored.as_of >= periodEnd && sameMoment) return { report: stored.report as Report, source: 'snapshot', snapshotId: stored.id };
  }
  const report = await buildReport(db, { ...request, brand: found.brand.id });
  const asOf = new Date(report.asOf);
  if (asOf < periodEnd) return { report, source: 'built', snapshotId: null };
  const snapshot = await insertReportSnapshot(db, { brandId: found.brand.id, periodLabel: period.label, periodStart, periodEnd, asOf, report });
  return { report, source: 'built', snapshotId: snapshot.id };
}
