import type { ReactNode } from 'react';
import type { ReportDto, ReportExampleDto, ReportFilter, ReportResponseRow, ReportSnapshotDto } from '../../src/api/contract.ts';
import { DailyChart } from './DailyChart.tsx';
import { inboxHref } from './inbox-url.ts';
import { fmtChange, fmtInt, fmtMinutes, fmtNet, fmtShare } from './report-format.ts';
import { followLink } from './use-route.ts';
import { cx } from './class-names.ts';
import styles from './ReportView.module.css';

/** A figure that opens the inbox on the mentions behind it. */
export function FigureLink({ filter, children, label, testId }: { filter: ReportFilter; children: ReactNode; label: string; testId?: string }) {
  const href = inboxHref(filter);
  return (
    <a className={styles.figureLink} href={href} onClick={(e) => followLink(e, href)} title={`Open these mentions in the inbox: ${label}`} data-testid={testId}>
      {children}
    </a>
  );
}

interface Props {
  snapshot: ReportSnapshotDto;
  /** The period before, when comparing. */
  previous: ReportSnapshotDto | null;
  comparing: boolean;
}

export function ReportView({ snapshot, previous, comparing }: Props) {
  const report = snapshot.report;
  const p = report.period;
  return (
    <article className={styles.report} data-testid="report" data-report-id={snapshot.id}>
      <header className={styles.reportHead}>
        <h2>
          {report.brand.name} · {p.kind === 'week' ? `Week ${p.label}` : `${p.from} to ${p.to}`}
        </h2>
        <p className="muted small">
          {p.from} to {p.to} in {p.timeZone}. Replies counted up to {new Date(report.asOf).toLocaleString()}.{' '}
          {snapshot.final ? 'Stored: reads the same later.' : 'This period is still running: the figures will change.'}
        </p>
        <p className={styles.reportSummary} data-testid="report-summary">
          {report.summary}
        </p>
      </header>

      {report.empty ? (
        <p className="placeholder" data-testid="report-empty">
          No mentions in this period, so there is nothing to chart. Pick another week, or check the brand’s streams.
        </p>
      ) : (
        <>
          <Headline report={report} previous={previous?.report ?? null} />
          <section className={cx('card', styles.reportSection)} aria-labelledby="trend-title">
            <h3 id="trend-title">Mentions by day and sentiment</h3>
            <DailyChart report={report} previous={previous?.report ?? null} />
            {comparing && <p className="muted small">Loading the period before…</p>}
            <DailyTable report={report} />
          </section>
          <Topics report={report} />
          <Responses report={report} />
          <Moved report={report} />
          <section className={cx('card', styles.reportSection)} aria-labelledby="defs-title">
            <h3 id="defs-title">Definitions</h3>
            <ul className={styles.definitions}>
              {report.definitions.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </article>
  );
}

function Headline({ report, previous }: { report: ReportDto; previous: ReportDto | null }) {
  const h = report.headline;
  const before = previous?.headline ?? null;
  const cards: { key: string; label: string; value: string; note: string; filter: ReportFilter; earlier?: string }[] = [
    {
      key: 'mentions',
      label: 'Mentions',
      value: fmtInt(h.mentions.value),
      note: `${fmtChange(h.mentions.change)} on ${report.previousPeriod.label} (${fmtInt(h.mentions.previous)})`,
      filter: h.mentions.filter,
    },
    {
      key: 'net',
      label: 'Net sentiment',
      value: fmtNet(h.netSentiment.value),
      note: `${fmtChange(h.netSentiment.change, 'pts')} (was ${fmtNet(h.netSentiment.previous)})`,
      filter: h.netSentiment.filter,
    },
    {
      key: 'complaints',
      label: 'Complaints',
      value: fmtInt(h.complaints.value),
      note: `${fmtChange(h.complaints.change)} (was ${fmtInt(h.complaints.previous)})`,
      filter: h.complaints.filter,
    },
    {
      key: 'within',
      label: 'Answered within deadline',
      value: fmtShare(h.withinDeadline.value),
      note: `${fmtInt(h.withinDeadline.within)} of ${fmtInt(h.withinDeadline.due)} due`,
      filter: h.withinDeadline.filter,
      ...(before ? { earlier: fmtShare(before.withinDeadline.value) } : {}),
    },
    {
      key: 'median',
      label: 'First response, median',
      value: fmtMinutes(h.firstResponseMedianMinutes.value),
      note: 'business time',
      filter: h.firstResponseMedianMinutes.filter,
      ...(before ? { earlier: fmtMinutes(before.firstResponseMedianMinutes.value) } : {}),
    },
    {
      key: 'p90',
      label: 'First response, 90th pct.',
      value: fmtMinutes(h.firstResponseP90Minutes.value),
      note: 'business time',
      filter: h.firstResponseP90Minutes.filter,
      ...(before ? { earlier: fmtMinutes(before.firstResponseP90Minutes.value) } : {}),
    },
  ];
  return (
    <section className={styles.headline} aria-label="Headline figures" data-testid="report-headline">
      {cards.map((c) => (
        <div key={c.key} className={styles.headlineCard}>
          <span className={styles.headlineLabel}>{c.label}</span>
          <FigureLink filter={c.filter} label={c.label} testId={`headline-${c.key}`}>
            <span className={styles.headlineValue}>{c.value}</span>
          </FigureLink>
          <span className="muted small">{c.note}</span>
          {c.earlier !== undefined && <span className="muted small">before: {c.earlier}</span>}
        </div>
      ))}
    </section>
  );
}

function DailyTable({ report }: { report: ReportDto }) {
  return (
    <details className={styles.dailyDetails}>
      <summary>The figures by day</summary>
      <div className={styles.tableScroll}>
        <table className={cx('data-table', styles.compact)} data-testid="daily-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                All
              </th>
              <th scope="col" className="num">
                Negative
              </th>
              <th scope="col" className="num">
                Neutral
              </th>
              <th scope="col" className="num">
                Positive
              </th>
            </tr>
          </thead>
          <tbody>
            {report.daily.map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th>
                <td className="num">
                  <FigureLink filter={d.filter} label={`${d.date}, all`}>
                    {fmtInt(d.total)}
                  </FigureLink>
                </td>
                {(['negative', 'neutral', 'positive'] as const).map((s) => (
                  <td key={s} className="num">
                    <FigureLink filter={{ ...d.filter, sentiment: s }} label={`${d.date}, ${s}`} testId={`daily-${d.date}-${s}`}>
                      {fmtInt(d[s])}
                    </FigureLink>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Example({ example }: { example: ReportExampleDto }) {
  return (
    <blockquote className={styles.example}>
      <p>{example.text}</p>
      <footer className="muted small">
        <bdi>@{example.authorHandle}</bdi> on {example.platform}
        {example.authorFollowers !== null ? `, ${fmtInt(example.authorFollowers)} followers` : ''} ·{' '}
        {example.url !== null ? (
          <a href={example.url} target="_blank" rel="noreferrer noopener">
            {new Date(example.postedAt).toLocaleDateString()}
          </a>
        ) : (
          new Date(example.postedAt).toLocaleDateString()
        )}
      </footer>
    </blockquote>
  );
}

function Topics({ report }: { report: ReportDto }) {
  return (
    <section className={cx('card', styles.reportSection)} aria-labelledby="topics-title">
      <h3 id="topics-title">Complaint topics</h3>
      {report.topics.length === 0 ? (
        <p className="muted">No complaints this period.</p>
      ) : (
        <ol className={styles.topics} data-testid="report-topics">
          {report.topics.map((t) => (
            <li key={t.topic ?? '(none)'} className="topic">
              <div className={styles.topicHead}>
                <strong>{t.topic ?? 'No topic'}</strong>
                <FigureLink filter={t.filter} label={`complaints about ${t.topic ?? 'no topic'}`} testId={`topic-${t.topic ?? 'none'}`}>
                  {fmtInt(t.complaints)} complaints
                </FigureLink>
                <span className="muted small">
                  {fmtChange(t.change)} (was {fmtInt(t.previous)})
                </span>
              </div>
              {t.examples.map((e) => (
                <Example key={e.id} example={e} />
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ResponseTable({ title, rows, testId }: { title: string; rows: ReportResponseRow[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <div className={styles.tableScroll}>
      <table className={cx('data-table', styles.compact)} data-testid={testId}>
        <caption className={styles.caption}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title.startsWith('By ') ? title.slice(3) : ''}</th>
            <th scope="col" className="num">
              Mentions
            </th>
            <th scope="col" className="num">
              Answered
            </th>
            <th scope="col" className="num">
              Within deadline
            </th>
            <th scope="col" className="num">
              Median
            </th>
            <th scope="col" className="num">
              90th pct.
            </th>
            <th scope="col" className="num">
              Missed
            </th>
            <th scope="col" className="num">
              Waiting
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num">
                <FigureLink filter={r.filter} label={`${r.label}: mentions`}>
                  {fmtInt(r.mentions)}
                </FigureLink>
              </td>
              <td className="num">
                <FigureLink filter={{ ...r.filter, response: 'answered' }} label={`${r.label}: answered`}>
                  {fmtInt(r.answered)}
                </FigureLink>
              </td>
              <td className="num">
                <FigureLink filter={{ ...r.filter, response: 'within' }} label={`${r.label}: within deadline`}>
                  {fmtShare(r.withinShare)}
                </FigureLink>{' '}
                <span className="muted small">
                  {r.within}/{r.due}
                </span>
              </td>
              <td className="num">{fmtMinutes(r.medianMinutes)}</td>
              <td className="num">{fmtMinutes(r.p90Minutes)}</td>
              <td className="num">
                <FigureLink filter={{ ...r.filter, response: 'missed' }} label={`${r.label}: missed`}>
                  {fmtInt(r.missed)}
                </FigureLink>
              </td>
              <td className="num">
                <FigureLink filter={{ ...r.filter, response: 'pending' }} label={`${r.label}: waiting`}>
                  {fmtInt(r.pending)}
                </FigureLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Responses({ report }: { report: ReportDto }) {
  const r = report.response;
  const extra: { key: string; label: string; value: number | null; filter: ReportFilter }[] = [
    { key: 'open-at-end', label: 'Still open at the end of the period', value: r.openAtEnd.value, filter: r.openAtEnd.filter },
    { key: 'answered-after', label: 'Answered after the period', value: r.answeredAfter.value, filter: r.answeredAfter.filter },
    { key: 'missed', label: 'Missed (no reply, deadline passed)', value: r.missed.value, filter: r.missed.filter },
    { key: 'pending', label: 'Waiting (deadline still ahead)', value: r.pending.value, filter: r.pending.filter },
  ];
  return (
    <section className={cx('card', styles.reportSection)} aria-labelledby="response-title">
      <h3 id="response-title">Response performance</h3>
      <p className="muted small">Times are counted in business hours: {report.businessHours}.</p>
      <ul className={styles.responseExtra}>
        {extra.map((e) => (
          <li key={e.key}>
            <FigureLink filter={e.filter} label={e.label} testId={`response-${e.key}`}>
              {fmtInt(e.value)}
            </FigureLink>{' '}
            {e.label}
          </li>
        ))}
      </ul>
      <ResponseTable title="All mentions" rows={[r.all]} testId="response-all" />
      <ResponseTable title="By priority" rows={r.byPriority} testId="response-priority" />
      <ResponseTable title="By platform" rows={r.byPlatform} testId="response-platform" />
      <ResponseTable title="By agent" rows={r.byAgent} testId="response-agent" />
      <ul className={styles.definitions}>
        {r.definitions.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </section>
  );
}

function Moved({ report }: { report: ReportDto }) {
  const m = report.moved;
  return (
    <section className={cx('card', styles.reportSection)} aria-labelledby="moved-title">
      <h3 id="moved-title">What moved</h3>
      <div className={styles.movedGrid}>
        <div>
          <h4>Rising in negative mentions</h4>
          {m.risingPhrases.length === 0 ? (
            <p className="muted">Nothing rose against the period before.</p>
          ) : (
            <ol className={styles.phrases}>
              {m.risingPhrases.map((ph) => (
                <li key={ph.phrase}>
                  <strong>{ph.phrase}</strong>{' '}
                  <span className="muted small">
                    {ph.current} (was {ph.previous})
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p className="muted small">{m.phrasesNote}</p>
        </div>
        <div>
          <h4>Authors who complained more than once</h4>
          {m.repeatComplainers.authors.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className={styles.repeat}>
              {m.repeatComplainers.authors.map((a) => (
                <li key={a.authorHandle}>
                  <bdi>@{a.authorHandle}</bdi>{' '}
                  <FigureLink filter={a.filter} label={`complaints by @${a.authorHandle}`}>
                    {a.complaints} complaints
                  </FigureLink>
                </li>
              ))}
            </ul>
          )}
          {m.repeatComplainers.total > m.repeatComplainers.authors.length && (
            <p className="muted small">{m.repeatComplainers.total} authors in all.</p>
          )}
        </div>
      </div>
      <h4>Widest-reach mentions</h4>
      <p className="muted small">{m.engagement.note}</p>
      <div className={styles.movedGrid}>
        <div>
          <h5>Negative</h5>
          {m.topReach.negative.length === 0 ? <p className="muted">None.</p> : m.topReach.negative.map((e) => <Example key={e.id} example={e} />)}
        </div>
        <div>
          <h5>Positive</h5>
          {m.topReach.positive.length === 0 ? <p className="muted">None.</p> : m.topReach.positive.map((e) => <Example key={e.id} example={e} />)}
        </div>
      </div>
    </section>
  );
}
