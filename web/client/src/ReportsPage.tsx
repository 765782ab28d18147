import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BrandDto, ReportRequestBody, ReportSnapshotDto, ReportSummaryDto } from '../../src/api/contract.ts';
import { api, errorMessage } from './api.ts';
import { lastWeek } from './report-format.ts';
import { ReportView } from './ReportView.tsx';
import { reportPath, type ReportsView } from './reports-url.ts';
import { followLink } from './use-route.ts';
import { useResource } from './use-resource.ts';
import { cx } from './class-names.ts';
import styles from './ReportsPage.module.css';

interface Props {
  brands: BrandDto[];
  /** The report the address asks for ("?brandId=…&week=2026-W43" or "&from=…&to=…") and "compare=1". */
  view: ReportsView;
  /** Shows another report, or the same with or without the period before (a new history entry). */
  onView(next: ReportsView): void;
}

type Asked = ReportRequestBody;

/** The request for a period a report names (its own or the one before it). */
function askedForPeriod(brandId: string, period: { kind: 'week' | 'range'; label: string; from: string; to: string }): Asked {
  return period.kind === 'week' ? { brandId, week: period.label } : { brandId, from: period.from, to: period.to };
}

interface Generated {
  key: string;
  snapshot: ReportSnapshotDto | null;
  error: string | null;
}

/** Asks the API (which asks a worker) for a report; the newest ask wins. */
function useGeneratedReport(asked: Asked | null): Generated & { loading: boolean; retry(): void } {
  const key = asked === null ? '' : JSON.stringify(asked);
  const [state, setState] = useState<Generated>({ key: '', snapshot: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const gen = ++generation.current;
    if (key === '') return;
    api<{ snapshot: ReportSnapshotDto }>('POST', '/api/reports', { body: JSON.parse(key) as Asked }).then(
      (r) => {
        if (gen === generation.current) setState({ key, snapshot: r.snapshot, error: null });
      },
      (error: unknown) => {
        if (gen === generation.current) setState({ key, snapshot: null, error: errorMessage(error) });
      },
    );
  }, [key, attempt]);
  const current = state.key === key && key !== '';
  return {
    key,
    snapshot: current ? state.snapshot : null,
    error: current ? state.error : null,
    loading: key !== '' && !current,
    retry: () => setAttempt((n) => n + 1),
  };
}

export function ReportsPage({ brands, view, onView }: Props) {
  const { asked, compare } = view;
  // The form is a draft: it names the next report, and Show report puts it in the address.
  const [mode, setMode] = useState<'week' | 'range'>(asked !== null && !('week' in asked) ? 'range' : 'week');
  const [brandId, setBrandId] = useState(asked?.brandId ?? '');
  const [week, setWeek] = useState(asked !== null && 'week' in asked ? asked.week : lastWeek(new Date()));
  const [from, setFrom] = useState(asked !== null && 'from' in asked ? asked.from : '');
  const [to, setTo] = useState(asked !== null && 'to' in asked ? asked.to : '');

  // The form follows the URL (back/forward, a link from the list).
  const askedKey = JSON.stringify(asked);
  useEffect(() => {
    const a = JSON.parse(askedKey) as Asked | null;
    if (a === null) return;
    setBrandId(a.brandId);
    if ('week' in a) {
      setMode('week');
      setWeek(a.week);
    } else {
      setMode('range');
      setFrom(a.from);
      setTo(a.to);
    }
  }, [askedKey]);
  const effectiveBrand = brandId !== '' ? brandId : (brands[0]?.id ?? '');

  const generated = useGeneratedReport(asked);
  const snapshot = generated.snapshot;
  const previous = useGeneratedReport(compare && snapshot !== null ? askedForPeriod(snapshot.brandId, snapshot.report.previousPeriod) : null);
  const stored = useResource<{ reports: ReportSummaryDto[] }>(effectiveBrand === '' ? null : `/api/reports?brandId=${encodeURIComponent(effectiveBrand)}`);
  // A report just stored joins the list.
  const reloadStored = stored.reload;
  useEffect(() => {
    if (snapshot !== null) reloadStored();
  }, [snapshot, reloadStored]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (effectiveBrand === '') return;
    onView({ asked: mode === 'week' ? { brandId: effectiveBrand, week } : { brandId: effectiveBrand, from, to }, compare });
  };

  return (
    <main className={cx('page', styles.reportsPage)} data-testid="reports-page">
      <div className="page-inner">
        <div className="page-top">
          <div>
            <h1>Reports</h1>
            <p className="muted">How a week went: sentiment, complaints and response times. Every figure opens the mentions behind it.</p>
          </div>
        </div>

        <form className={cx('card', styles.reportControls)} onSubmit={submit} data-testid="report-form">
          <label>
            <span>Brand</span>
            <select value={effectiveBrand} onChange={(e) => setBrandId(e.target.value)} data-testid="report-brand" disabled={brands.length === 0}>
              {brands.length === 0 && <option value="">No brands yet</option>}
              {brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented" aria-label="Period">
            <legend className="visually-hidden">Period</legend>
            {(['week', 'range'] as const).map((m) => (
              <label key={m} className={mode === m ? 'checked' : undefined}>
                <input type="radio" name="report-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'week' ? 'Week' : 'Date range'}
              </label>
            ))}
          </fieldset>
          {mode === 'week' ? (
            <label>
              <span>Week</span>
              <input
                type="week"
                value={week}
                onChange={(e) => setWeek(e.target.value)}
                required
                pattern="\d{4}-W\d{2}"
                placeholder="2026-W47"
                data-testid="report-week"
              />
            </label>
          ) : (
            <>
              <label>
                <span>From</span>
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="report-from" />
              </label>
              <label>
                <span>To</span>
                <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="report-to" />
              </label>
            </>
          )}
          <button type="submit" className="button primary" disabled={effectiveBrand === '' || generated.loading} data-testid="report-show">
            {generated.loading ? 'Generating…' : 'Show report'}
          </button>
        </form>

        {brands.length === 0 && <p className="placeholder">Reports need a brand. Add one with a stream under Streams.</p>}

        {asked === null && brands.length > 0 && (
          <p className="placeholder" data-testid="report-prompt">
            Pick a brand and a week, then Show report.
          </p>
        )}

        {generated.loading && (
          <div className={cx('card', styles.reportLoading)} role="status" data-testid="report-loading">
            Generating the report… a worker counts the period’s mentions; a busy week takes a few seconds.
          </div>
        )}

        {generated.error !== null && (
          <div className="alert" role="alert" data-testid="report-error">
            <span>{generated.error}</span>
            <button type="button" className="button small" onClick={generated.retry}>
              Try again
            </button>
          </div>
        )}

        {snapshot !== null && (
          <>
            <div className={styles.reportActions}>
              <label className={styles.compareToggle}>
                <input type="checkbox" checked={compare} onChange={(e) => onView({ asked, compare: e.target.checked })} data-testid="report-compare" />
                Compare with the {snapshot.report.period.kind === 'week' ? 'week' : 'period'} before
              </label>
              <a
                className="button small"
                href={reportPath(askedForPeriod(snapshot.brandId, snapshot.report.previousPeriod), compare)}
                onClick={(e) => followLink(e, reportPath(askedForPeriod(snapshot.brandId, snapshot.report.previousPeriod), compare))}
              >
                ← {snapshot.report.previousPeriod.label}
              </a>
              <span className="spacer" />
              <span className={styles.downloads} data-testid="report-downloads">
                <a className="button small" href={`/api/reports/${snapshot.id}/report.pdf`} download data-testid="download-pdf">
                  PDF
                </a>
                <a className="button small" href={`/api/reports/${snapshot.id}/report.csv`} download data-testid="download-csv">
                  CSV of the tables
                </a>
                <a className="button small" href={`/api/reports/${snapshot.id}/mentions.csv`} download data-testid="download-mentions-csv">
                  Mentions CSV
                </a>
              </span>
            </div>
            {compare && previous.error !== null && (
              <div className="alert" role="alert">
                <span>The period before could not be generated: {previous.error}</span>
              </div>
            )}
            <ReportView snapshot={snapshot} previous={compare ? previous.snapshot : null} comparing={compare && previous.loading} />
          </>
        )}

        <section className={cx('card', styles.storedReports)} aria-labelledby="stored-reports-title" data-testid="stored-reports">
          <h2 id="stored-reports-title">Stored reports</h2>
          <p className="muted small">Finished periods, stored as they were first shown (every Monday for last week, and whenever one is asked for).</p>
          {stored.loading && <p className="muted">Loading…</p>}
          {stored.error !== null && <p className="muted">{stored.error}</p>}
          {stored.data !== null && stored.data.reports.length === 0 && <p className="muted">None yet for this brand.</p>}
          {stored.data !== null && stored.data.reports.length > 0 && (
            <ul className={styles.storedList}>
              {stored.data.reports.map((r) => {
                const path = reportPath(
                  /^\d{4}-W\d{2}$/.test(r.periodLabel)
                    ? { brandId: r.brandId, week: r.periodLabel }
                    : { brandId: r.brandId, from: r.periodLabel.slice(0, 10), to: r.periodLabel.slice(-10) },
                  compare,
                );
                return (
                  <li key={r.id}>
                    <a href={path} onClick={(e) => followLink(e, path)}>
                      {r.periodLabel}
                    </a>{' '}
                    <span className="muted small">generated {new Date(r.generatedAt).toLocaleString()}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
