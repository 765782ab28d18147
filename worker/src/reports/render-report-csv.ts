import { csvLine } from './csv.ts';
import type { Report, ResponseRow } from './report-types.ts';

const round = (x: number | null, digits = 1) => (x === null ? '' : Number(x.toFixed(digits)));
const pct = (x: number | null) => (x === null ? '' : Number((x * 100).toFixed(1)));

/**
 * The report's tables as one CSV: each table under a title line, tables separated by a blank
 * line, figures unrounded enough to recompute the headline (shares and changes in percent,
 * times in business minutes). Opens as one sheet in a spreadsheet.
 */
export function renderReportCsv(report: Report): string {
  const out: string[] = [];
  const table = (title: string, header: string[], rows: (string | number | boolean | null | undefined)[][]) => {
    if (out.length > 0) out.push('\r\n');
    out.push(csvLine([title]), csvLine(header), ...rows.map(csvLine));
  };
  const h = report.headline;
  table(`${report.brand.name} ${report.period.label} (${report.period.from} to ${report.period.to}, ${report.period.timeZone})`, ['figure', 'value', 'previous period', 'change'], [
    ['mentions', h.mentions.value, h.mentions.previous, round(h.mentions.change)],
    ['net sentiment (points)', round(h.netSentiment.value === null ? null : h.netSentiment.value * 100), round(h.netSentiment.previous === null ? null : h.netSentiment.previous * 100), round(h.netSentiment.change)],
    ['complaints', h.complaints.value, h.complaints.previous, round(h.complaints.change)],
    ['answered within deadline (%)', pct(h.withinDeadline.value), '', ''],
    ['answered within deadline / due', `${h.withinDeadline.within}/${h.withinDeadline.due}`, '', ''],
    ['first response median (business minutes)', round(h.firstResponseMedianMinutes.value), '', ''],
    ['first response p90 (business minutes)', round(h.firstResponseP90Minutes.value), '', ''],
    ['spam', h.spam.value, '', ''],
    ['still open at the end of the period', report.response.openAtEnd.value, '', ''],
    ['answered after the period', report.response.answeredAfter.value, '', ''],
    ['missed (unanswered, deadline passed)', report.response.missed.value, '', ''],
    ['pending (unanswered, deadline ahead)', report.response.pending.value, '', ''],
  ]);
  table('Daily mentions by sentiment', ['date', 'total', 'negative', 'neutral', 'positive'], report.daily.map((d) => [d.date, d.total, d.negative, d.neutral, d.positive]));
  table(
    'Alerts during the period',
    ['day', 'kind', 'started', 'resolved', 'message'],
    report.alerts.map((a) => [a.date, a.kind, a.startedAt, a.resolvedAt, a.message]),
  );
  table(
    'Complaint topics',
    ['topic', 'complaints', 'previous period', 'change (%)', 'example 1', 'example 2'],
    report.topics.map((t) => [t.topic ?? '(no topic)', t.complaints, t.previous, round(t.change), t.examples[0]?.text, t.examples[1]?.text]),
  );
  const responseHeader = ['', 'mentions', 'answered', 'due', 'within deadline', 'late', 'missed', 'pending', 'within deadline (%)', 'median (business minutes)', 'p90 (business minutes)'];
  const responseRow = (r: ResponseRow) => [r.label, r.mentions, r.answered, r.due, r.within, r.late, r.missed, r.pending, pct(r.withinShare), round(r.medianMinutes), round(r.p90Minutes)];
  table('Response by priority', ['priority', ...responseHeader.slice(1)], report.response.byPriority.map(responseRow));
  table('Response by platform', ['platform', ...responseHeader.slice(1)], report.response.byPlatform.map(responseRow));
  table('Response by agent', ['agent', ...responseHeader.slice(1)], report.response.byAgent.map(responseRow));
  table('Rising phrases in negative mentions', ['phrase', 'mentions', 'previous period', 'rise'], report.moved.risingPhrases.map((p) => [p.phrase, p.current, p.previous, p.rise]));
  table('Authors who complained more than once', ['author', 'complaints'], report.moved.repeatComplainers.authors.map((a) => [a.authorHandle, a.complaints]));
  table('Definitions', ['definition'], [...report.definitions, ...report.response.definitions, report.moved.phrasesNote, report.moved.engagement.note].map((d) => [d]));
  return out.join('');
}
