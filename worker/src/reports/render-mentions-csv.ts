import { DateTime } from 'luxon';
import { findReportBrand, listReportMentions, type Database } from '@earshot/db';
import { businessCalendar } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { csvLine } from './csv.ts';
import type { Report } from './report-types.ts';

const PAGE = 5_000;

export const MENTIONS_CSV_HEADER = [
  'id', 'posted_at', 'posted_local', 'platform', 'author', 'sentiment', 'intent', 'topic', 'priority', 'spam',
  'deadline', 'first_response_at', 'first_response_by', 'first_response_business_minutes', 'outcome', 'url', 'text',
];

/**
 * The report period's mentions, one CSV line each (header first), read page by page so a week
 * of a million mentions streams in constant memory: labels, deadline, first response as of the
 * report's asOf, its business minutes and the outcome the report counted (within, late, missed,
 * pending, not due). Read from the live tables: a row-level export of an old period reflects
 * corrections made since.
 */
export async function* renderMentionsCsv(db: Database, report: Report): AsyncGenerator<string> {
  const found = await findReportBrand(db, report.brand.id);
  const rules = slaRulesFromPolicy(found?.policy);
  const zone = report.period.timeZone;
  const scope = { brandId: report.brand.id, start: new Date(report.period.start), end: new Date(report.period.end), asOf: new Date(report.asOf) };
  const calendar = businessCalendar(rules, scope.start, new Date(Math.max(scope.asOf.getTime(), scope.start.getTime())));
  yield csvLine(MENTIONS_CSV_HEADER);
  let after: { postedAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await listReportMentions(db, scope, calendar, { limit: PAGE, after });
    for (const r of rows) {
      const outcome = r.firstResponseAt ? (r.within ? 'within' : 'late') : r.missed ? 'missed' : r.pending ? 'pending' : 'not due';
      yield csvLine([
        r.id,
        r.postedAt.toISOString(),
        DateTime.fromJSDate(r.postedAt, { zone }).toFormat('yyyy-MM-dd HH:mm'),
        r.platform,
        r.authorHandle,
        r.sentiment,
        r.intent,
        r.topic,
        `P${r.priority}`,
        r.spam,
        r.slaDueAt.toISOString(),
        r.firstResponseAt?.toISOString(),
        r.agentName,
        r.businessMs === null ? null : Number((r.businessMs / 60_000).toFixed(2)),
        outcome,
        r.url,
        r.text,
      ]);
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { postedAt: last.postedAt, id: last.id };
  }
}
