import PDFDocument from 'pdfkit';
import type { Report, ResponseRow } from './report-types.ts';

// pdfkit draws vector text and shapes server-side with no browser, in-process, and its built-in
// Helvetica needs no font files. Those fonts cover Windows-1252 only, so other characters
// (emoji, non-Latin scripts in mention texts) are replaced before drawing.
const COLORS = { negative: '#d64545', neutral: '#9aa5b1', positive: '#3f9b5a', ink: '#1f2933', muted: '#616e7c', rule: '#cbd2d9', alert: '#e8a33d' };
const MARGIN = 48;

const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
function printable(text: string): string {
  return [...text.replaceAll('−', '-')].map((c) => (c.charCodeAt(0) < 256 || WIN_ANSI_EXTRA.has(c) ? c : '?')).join('');
}

const fmt = {
  int: (n: number | null) => (n === null ? '-' : Math.round(n).toLocaleString('en')),
  minutes: (n: number | null) => (n === null ? '-' : n < 120 ? `${Math.round(n)} min` : `${(n / 60).toFixed(1)} h`),
  pct: (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`),
  change: (x: number | null, unit = '%') => (x === null ? 'no earlier data' : `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(unit === '%' ? 0 : 1)}${unit === '%' ? '%' : ' pts'} on previous`),
};

/**
 * The report as a paginated A4 PDF: headline row, the daily stacked chart drawn as vector bars,
 * complaint topics, response tables with their definitions, what moved, and the definitions.
 */
export function renderReportPdf(report: Report): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: `${report.brand.name} report ${report.period.label}`, Author: 'Earshot' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(60);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(COLORS.ink).text(printable(text), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const note = (text: string) => {
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(printable(text), MARGIN, doc.y, { width });
  };

  // Title.
  const p = report.period;
  const title = p.kind === 'week' ? `Week ${p.label}` : `${p.from} to ${p.to}`;
  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLORS.ink).text(printable(`${report.brand.name}: sentiment report`), { width });
  doc.font('Helvetica').fontSize(11).fillColor(COLORS.muted).text(printable(`${title} (${p.from} to ${p.to}, ${p.timeZone})`), { width });
  note(`Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC; replies counted up to ${report.asOf.slice(0, 16).replace('T', ' ')} UTC. Compared with ${report.previousPeriod.label}.`);
  doc.moveDown(0.8);

  if (report.empty) {
    doc.font('Helvetica-Bold').fontSize(12).fillColor(COLORS.ink).text(printable(report.summary), { width });
    doc.moveDown(0.5);
  }

  // Headline row: six boxes.
  const h = report.headline;
  const boxes: [string, string, string][] = [
    ['Mentions', fmt.int(h.mentions.value), fmt.change(h.mentions.change)],
    ['Net sentiment', h.netSentiment.value === null ? '-' : `${h.netSentiment.value >= 0 ? '+' : '-'}${Math.abs(Math.round(h.netSentiment.value * 100))}`, fmt.change(h.netSentiment.change, 'pts')],
    ['Complaints', fmt.int(h.complaints.value), fmt.change(h.complaints.change)],
    ['Within deadline', fmt.pct(h.withinDeadline.value), `${h.withinDeadline.within} of ${h.withinDeadline.due} due`],
    ['Median response', fmt.minutes(h.firstResponseMedianMinutes.value), 'business hours'],
    ['p90 response', fmt.minutes(h.firstResponseP90Minutes.value), 'business hours'],
  ];
  const gap = 6;
  const boxWidth = (width - gap * (boxes.length - 1)) / boxes.length;
  const top = doc.y;
  boxes.forEach(([label, value, sub], i) => {
    const x = MARGIN + i * (boxWidth + gap);
    doc.roundedRect(x, top, boxWidth, 62, 4).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(COLORS.muted).text(label, x + 6, top + 6, { width: boxWidth - 12 });
    doc.font('Helvetica-Bold').fontSize(16).fillColor(COLORS.ink).text(value, x + 6, top + 19, { width: boxWidth - 12 });
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted).text(sub, x + 6, top + 42, { width: boxWidth - 12 });
  });
  doc.y = top + 72;
  doc.x = MARGIN;
  if (!report.empty) note(report.summary);

  // Daily stacked chart.
  heading('Mentions per day by sentiment');
  drawDailyChart(doc, report, MARGIN, doc.y, width, 170);
  if (report.alerts.length > 0) {
    report.alerts.forEach((a, i) => {
      ensure(14);
      const when = a.startedAt.slice(0, 16).replace('T', ' ');
      note(`(${i + 1}) ${a.kind}, from ${when} UTC${a.resolvedAt ? ` to ${a.resolvedAt.slice(0, 16).replace('T', ' ')} UTC` : ', still open'}: ${a.message}`);
    });
  } else {
    note('No alerts were open during the period.');
  }

  // Complaint topics.
  heading('Complaint topics');
  if (report.topics.length === 0) note('No complaints in this period.');
  table(
    doc,
    ['Topic', 'Complaints', 'Previous', 'Change'],
    report.topics.map((t) => [t.topic ?? '(no topic)', fmt.int(t.complaints), fmt.int(t.previous), t.change === null ? 'new' : `${t.change >= 0 ? '+' : ''}${Math.round(t.change)}%`]),
    [0.4, 0.2, 0.2, 0.2],
  );
  for (const t of report.topics.slice(0, 8)) {
    for (const e of t.examples) {
      ensure(24);
      note(`${t.topic ?? '(no topic)'}: "${e.text.slice(0, 180)}" (@${e.authorHandle}, ${e.platform}, ${e.postedAt.slice(0, 10)})`);
    }
  }

  // Response performance.
  heading('Response performance (business hours)');
  note(`Business hours: ${report.businessHours}.`);
  doc.moveDown(0.3);
  const responseTable = (first: string, rows: ResponseRow[]) =>
    table(
      doc,
      [first, 'Mentions', 'Answered', 'Due', 'Within', 'Within %', 'Median', 'p90'],
      rows.map((r) => [r.label, fmt.int(r.mentions), fmt.int(r.answered), fmt.int(r.due), fmt.int(r.within), fmt.pct(r.withinShare), fmt.minutes(r.medianMinutes), fmt.minutes(r.p90Minutes)]),
      [0.24, 0.11, 0.11, 0.09, 0.1, 0.11, 0.12, 0.12],
    );
  responseTable('Priority', report.response.byPriority);
  responseTable('Platform', report.response.byPlatform);
  responseTable('Agent', report.response.byAgent);
  const r = report.response;
  note(`Still open at the end of the period: ${r.openAtEnd.value}; answered after the period ended: ${r.answeredAfter.value}; unanswered with the deadline passed: ${r.missed.value}; unanswered, deadline still ahead: ${r.pending.value}.`);
  doc.moveDown(0.3);
  for (const d of r.definitions) {
    ensure(20);
    note(`- ${d}`);
  }

  // What moved.
  heading('What moved');
  doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text('Phrases rising in negative mentions', MARGIN, doc.y);
  if (report.moved.risingPhrases.length === 0) note('None rose against the previous period.');
  table(doc, ['Phrase', 'Mentions', 'Previous', 'Rise'], report.moved.risingPhrases.map((x) => [x.phrase, fmt.int(x.current), fmt.int(x.previous), `+${fmt.int(x.rise)}`]), [0.55, 0.15, 0.15, 0.15]);
  note(report.moved.phrasesNote);
  doc.moveDown(0.5);
  note(report.moved.engagement.note);
  for (const [label, list] of [['Widest-reach negative mentions', report.moved.topReach.negative], ['Widest-reach positive mentions', report.moved.topReach.positive]] as const) {
    ensure(40);
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text(label, MARGIN, doc.y);
    if (list.length === 0) note('None with a known follower count.');
    for (const e of list) note(`@${e.authorHandle} (${fmt.int(e.authorFollowers)} followers, ${e.platform}): "${e.text.slice(0, 180)}"`);
  }
  ensure(40);
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(9).fillColor(COLORS.ink).text(`Authors who complained more than once (${report.moved.repeatComplainers.total})`, MARGIN, doc.y);
  if (report.moved.repeatComplainers.authors.length === 0) note('None.');
  table(doc, ['Author', 'Complaints'], report.moved.repeatComplainers.authors.map((a) => [`@${a.authorHandle}`, fmt.int(a.complaints)]), [0.7, 0.3]);

  heading('Definitions');
  for (const d of report.definitions) {
    ensure(20);
    note(`- ${d}`);
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted);
    doc.text(printable(`${report.brand.name} - ${report.period.label} - page ${i + 1} of ${range.count}`), MARGIN, doc.page.height - MARGIN + 10, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], fractions: number[]): void {
  const width = doc.page.width - 2 * MARGIN;
  const rowHeight = 14;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor(COLORS.ink);
    cells.forEach((cell, i) => {
      const w = fractions[i]! * width;
      doc.text(printable(cell), x + 2, y + 3, { width: w - 4, height: rowHeight, ellipsis: true, lineBreak: false, align: i === 0 ? 'left' : 'right' });
      x += w;
    });
    doc.moveTo(MARGIN, y + rowHeight).lineTo(MARGIN + width, y + rowHeight).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  if (rows.length === 0) return;
  draw(header, true);
  for (const row of rows) draw(row, false);
  doc.moveDown(0.6);
}

function drawDailyChart(doc: PDFKit.PDFDocument, report: Report, x: number, y: number, width: number, height: number): void {
  if (y + height + 30 > doc.page.height - MARGIN - 20) {
    doc.addPage();
    y = doc.y;
  }
  const days = report.daily;
  // The axis runs to two round steps (1, 2 or 5 × 10^k), so its middle line has a round label too.
  const half = Math.max(1, ...days.map((d) => d.total)) / 2;
  const magnitude = 10 ** Math.floor(Math.log10(half));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((v) => v >= half)!;
  const max = Math.max(1, 2 * Math.ceil(step));
  const axis = 28;
  const plotHeight = height - 24;
  const plotWidth = width - axis;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted);
  for (const frac of [0, 0.5, 1]) {
    const gy = y + plotHeight - frac * plotHeight;
    doc.moveTo(x + axis, gy).lineTo(x + width, gy).lineWidth(0.3).strokeColor(COLORS.rule).stroke();
    doc.text(fmt.int(Math.round(max * frac)), x, gy - 3, { width: axis - 4, align: 'right', lineBreak: false });
  }
  days.forEach((d, i) => {
    const bx = x + axis + i * slot + (slot - barWidth) / 2;
    let by = y + plotHeight;
    for (const s of ['negative', 'neutral', 'positive'] as const) {
      const hgt = (d[s] / max) * plotHeight;
      if (hgt > 0) {
        by -= hgt;
        doc.rect(bx, by, barWidth, hgt).fill(COLORS[s]);
      }
    }
    if (days.length <= 31) {
      const label = days.length <= 7 ? `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${d.date}T12:00:00Z`).getUTCDay()]} ${d.date.slice(8)}` : d.date.slice(8);
      doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted).text(label, bx - 10, y + plotHeight + 4, { width: barWidth + 20, align: 'center', lineBreak: false });
    }
  });
  // Alerts: a numbered marker above the day each started on.
  const markedPerDay = new Map<string, number>();
  report.alerts.forEach((a, i) => {
    const dayIndex = days.findIndex((d) => d.date === a.date);
    if (dayIndex < 0) return;
    const stack = markedPerDay.get(a.date) ?? 0;
    markedPerDay.set(a.date, stack + 1);
    const cx = x + axis + dayIndex * slot + slot / 2 + stack * 9 - 4;
    const cy = y - 2;
    doc.polygon([cx - 4, cy - 7], [cx + 4, cy - 7], [cx, cy]).fill(COLORS.alert);
    doc.font('Helvetica-Bold').fontSize(6).fillColor(COLORS.ink).text(String(i + 1), cx - 6, cy - 15, { width: 12, align: 'center', lineBreak: false });
  });
  // Legend.
  let lx = x + axis;
  const ly = y + height - 6;
  for (const s of ['negative', 'neutral', 'positive'] as const) {
    doc.rect(lx, ly, 8, 8).fill(COLORS[s]);
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.ink).text(s, lx + 11, ly, { lineBreak: false });
    lx += 60;
  }
  if (report.alerts.length > 0) {
    doc.polygon([lx, ly], [lx + 8, ly], [lx + 4, ly + 7]).fill(COLORS.alert);
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.ink).text('alert', lx + 11, ly, { lineBreak: false });
  }
  doc.x = MARGIN;
  doc.y = y + height + 10;
}
