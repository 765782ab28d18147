import { replacePartialReportSnapshot, type JobPayload, type Runtime } from '@earshot/db';
import { generateReport } from '../reports/index.ts';

/** What a generate-report job returns to whoever waits for it (the dashboard's POST /api/reports). */
export interface GeneratedReportRef {
  /** The stored snapshot the report was read from or stored as. */
  snapshotId: string;
  /** False while the period is still running: counted up to now, and replaced by the next ask. */
  final: boolean;
}

/**
 * Generates one brand's report for a week or a range and makes sure it is stored: a finished
 * period's snapshot is stored once and read back after (generateReport); a period still running
 * is stored too, in place of its earlier partial snapshot, so what the dashboard shows can be
 * downloaded as exactly that. Returns the snapshot's id; the report itself stays in PostgreSQL.
 */
export async function handleGenerateReport(runtime: Runtime, payload: JobPayload<'generateReport'>): Promise<GeneratedReportRef> {
  const period = 'week' in payload ? { week: payload.week } : { from: payload.from, to: payload.to };
  const started = Date.now();
  const generated = await generateReport(runtime.db, { brand: payload.brandId, ...period });
  if (generated.snapshotId !== null) {
    runtime.logger.info('report ready', { brandId: payload.brandId, period: generated.report.period.label, source: generated.source, ms: Date.now() - started });
    return { snapshotId: generated.snapshotId, final: true };
  }
  const { report } = generated;
  const stored = await replacePartialReportSnapshot(runtime.db, {
    brandId: payload.brandId,
    periodLabel: report.period.label,
    periodStart: new Date(report.period.start),
    periodEnd: new Date(report.period.end),
    asOf: new Date(report.asOf),
    report,
  });
  runtime.logger.info('report of a running period stored', { brandId: payload.brandId, period: report.period.label, ms: Date.now() - started });
  return { snapshotId: stored.id, final: false };
}
