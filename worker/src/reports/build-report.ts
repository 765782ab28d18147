import {
  AppError,
  countComplaintTopics,
  findReportBrand,
  listNegativeTexts,
  listRepeatComplainers,
  listTopicExamples,
  listTopReachMentions,
  countPeriodResponses,
  measureFirstResponses,
  listUserNames,
  listPeriodAlerts,
  type Database,
  type InboxFilter,
  type ReportMentionExample,
  withReportSettings,
} from '@earshot/db';
import { DateTime } from 'luxon';
import { businessCalendar, type SlaRules } from '@earshot/policy';
import { slaRulesFromPolicy } from '@earshot/policy';
import { previousPeriod, rangePeriod, weekPeriod } from './report-period.ts';
import { risingPhrases } from './rising-phrases.ts';
import { readDailyCounts, readPeriodCounts } from './read-rollup-counts.ts';
import { responseGroups, type ResponseGroup } from './response-groups.ts';
import type { ComparedFigure, Report, ReportExample, ResponseRow } from './report-types.ts';

/** Which report: a brand (name or id) and an ISO week or a range of local days. */
export type ReportRequest = { brand: string; asOf?: Date | undefined; now?: Date | undefined } & (
  { week: string } | { from: string; to: string }
);

// Phrase counting reads texts; above this many negative mentions a period is sampled.
const PHRASE_SAMPLE = 20_000;
const EXAMPLES_PER_TOPIC = 2;
const TOP_REACH = 3;
const REPEAT_COMPLAINERS = 10;
const MAX_ALERTS = 50;

/**
 * Builds one brand's report for a week or a date range, read from PostgreSQL: the headline and
 * response counts from one scan of the period's mentions, the days and the previous period from
 * the hour rollups, response times in the brand's business hours (its SLA policy), replies
 * counted up to `asOf` (default now). A brand without mentions gets a report
 * that says so. Throws AppError NOT_FOUND for an unknown brand, BAD_REQUEST for a bad period.
 */
export async function buildReport(db: Database, request: ReportRequest): Promise<Report> {
  const found = await findReportBrand(db, request.brand);
  if (!found)
    throw new AppError(
      'NOT_FOUND',
      `No brand named or with the id "${request.brand}"; check the name (it is case-sensitive) or use the brand's id.`,
    );
  const { brand, policy } = found;
  const rules = slaRulesFromPolicy(policy);
  const period =
    'week' in request
      ? weekPeriod(request.week, rules.timeZone)
      : rangePeriod(request.from, request.to, rules.timeZone);
  const previous = previousPeriod(period);
  const now = request.now ?? new Date();
  const asOf = request.asOf ?? now;

  const start = new Date(period.start);
  const end = new Date(period.end);
  const previousStart = new Date(previous.start);
  const calendarEnd = new Date(Math.max(asOf.getTime(), start.getTime()));
  const scope = { brandId: brand.id, start, end, asOf };
  const base: InboxFilter = {
    brandId: brand.id,
    postedFrom: period.start,
    postedBefore: period.end,
  };
  const withAsOf: InboxFilter = { ...base, asOf: asOf.toISOString() };

  const q = <T>(run: (trx: Database) => Promise<T>) => withReportSettings(db, run);
  // Independent queries run at once, each on its own pooled connection.
  const countsP = q((trx) => countPeriodResponses(trx, scope));
  const beforeP = readPeriodCounts(db, { brandId: brand.id, start: previousStart, end: start });
  const topicsP = q((trx) => countComplaintTopics(trx, { brandId: brand.id, previousStart, start, end }));
  // Second steps start as soon as what they need is known, beside the slower first ones.
  const examplesP = topicsP.then((topics) =>
    q((trx) =>
      listTopicExamples(trx, {
        brandId: brand.id,
        start,
        end,
        topics: topics.filter((t) => t.current > 0).map((t) => t.topic),
        perTopic: EXAMPLES_PER_TOPIC,
      }),
    ),
  );
  const textsP = Promise.all([countsP, beforeP]).then(([counts, before]) => {
    const negative = counts.reduce((sum, c) => sum + c.negative, 0);
    return Promise.all([
      q((trx) => listNegativeTexts(trx, { brandId: brand.id, start, end, expected: negative, limit: PHRASE_SAMPLE })),
      q((trx) => listNegativeTexts(trx, { brandId: brand.id, start: previousStart, end: start, expected: before.negative, limit: PHRASE_SAMPLE })),
    ]);
  });
  const [counts, times, daily, before, topics, repeat, reach, examples, [currentTexts, previousTexts], alerts] = await Promise.all([
    countsP,
    q((trx) => measureFirstResponses(trx, scope, businessCalendar(rules, start, calendarEnd))),
    readDailyCounts(db, { brandId: brand.id, start, end, timeZone: rules.timeZone }),
    beforeP,
    topicsP,
    q((trx) => listRepeatComplainers(trx, { brandId: brand.id, start, end, limit: REPEAT_COMPLAINERS })),
    q((trx) => listTopReachMentions(trx, { brandId: brand.id, start, end, limit: TOP_REACH })),
    examplesP,
    textsP,
    listPeriodAlerts(db, { brandId: brand.id, start, end, limit: MAX_ALERTS }),
  ]);
  const groups = responseGroups(counts, times);
  const names = await listUserNames(
    db,
    counts.flatMap((c) => (c.agentId ? [c.agentId] : [])),
  );
  const all = groups.find((g) => g.dimension === 'all')!;
  const shownTopics = topics.filter((t) => t.current > 0);

  const sampled = currentTexts.length < all.negative || previousTexts.length < before.negative;
  const phrases = risingPhrases(
    { texts: currentTexts, scale: currentTexts.length === 0 ? 1 : all.negative / currentTexts.length },
    { texts: previousTexts, scale: previousTexts.length === 0 ? 1 : before.negative / previousTexts.length },
  );

  const byDay = new Map(daily.map((d) => [d.day, d]));
  const net = (pos: number, neg: number, n: number) => (n === 0 ? null : (pos - neg) / n);
  const netNow = net(all.positive, all.negative, all.mentions);
  const netBefore = net(before.positive, before.negative, before.mentions);
  const responseRow = (
    g: ResponseGroup,
    key: string,
    label: string,
    filter: InboxFilter,
  ): ResponseRow => ({
    key,
    label,
    mentions: g.mentions,
    answered: g.answered,
    due: g.due,
    within: g.within,
    late: g.late,
    missed: g.missed,
    pending: g.pending,
    withinShare: g.due === 0 ? null : g.within / g.due,
    medianMinutes: g.medianMs === null ? null : g.medianMs / 60_000,
    p90Minutes: g.p90Ms === null ? null : g.p90Ms / 60_000,
    filter,
  });
  const dimension = (d: ResponseGroup['dimension']) => groups.filter((g) => g.dimension === d);
  const byPriority = dimension('priority')
    .sort((a, b) => Number(a.key) - Number(b.key))
    .map((g) =>
      responseRow(g, `P${g.key}`, `P${g.key}`, {
        ...withAsOf,
        priority: Number(g.key) as 1 | 2 | 3 | 4,
      }),
    );
  const byPlatform = dimension('platform')
    .sort((a, b) => b.mentions - a.mentions || String(a.key).localeCompare(String(b.key)))
    .map((g) => responseRow(g, g.key!, g.key!, { ...withAsOf, platform: g.key! }));
  const byAgent = dimension('agent')
    .sort((a, b) =>
      a.key === null
        ? 1
        : b.key === null
          ? -1
          : b.answered - a.answered ||
            String(names.get(a.key)).localeCompare(String(names.get(b.key))),
    )
    .map((g) =>
      g.key === null
        ? responseRow(g, 'none', 'No response', { ...withAsOf, agentId: 'none' })
        : responseRow(g, g.key, names.get(g.key) ?? 'Deleted user', {
            ...withAsOf,
            agentId: g.key,
          }),
    );

  const empty = all.mentions === 0;
  const name = brand.name;
  const when =
    period.kind === 'week'
      ? `week ${period.label} (${period.from} to ${period.to})`
      : `${period.from} to ${period.to}`;
  const report: Report = {
    version: 1,
    brand: { id: brand.id, name },
    period,
    previousPeriod: previous,
    asOf: asOf.toISOString(),
    generatedAt: now.toISOString(),
    businessHours: describeBusinessHours(rules),
    empty,
    summary: empty
      ? `${name} had no mentions in ${when}${before.mentions > 0 ? ` (${before.mentions} the period before)` : ''}: nothing to report.`
      : `${name}, ${when}: ${all.mentions} mentions${pctText(change(all.mentions, before.mentions))}, ${all.complaints} complaints, ` +
        `${all.due === 0 ? 'none due for a response' : `${Math.round((all.within / all.due) * 100)}% answered within deadline`}.`,
    headline: {
      mentions: compared(all.mentions, before.mentions, base),
      netSentiment: {
        value: netNow,
        previous: netBefore,
        change: netNow === null || netBefore === null ? null : (netNow - netBefore) * 100,
        filter: base,
      },
      complaints: compared(all.complaints, before.complaints, { ...base, intent: 'complaint' }),
      withinDeadline: {
        value: all.due === 0 ? null : all.within / all.due,
        within: all.within,
        due: all.due,
        filter: { ...withAsOf, response: 'within' },
        dueFilter: { ...withAsOf, response: 'due' },
      },
      firstResponseMedianMinutes: {
        value: all.medianMs === null ? null : all.medianMs / 60_000,
        filter: { ...withAsOf, response: 'answered' },
      },
      firstResponseP90Minutes: {
        value: all.p90Ms === null ? null : all.p90Ms / 60_000,
        filter: { ...withAsOf, response: 'answered' },
      },
      spam: { value: all.spam, filter: { ...base, intent: 'spam' } },
    },
    daily: period.days.map((date) => {
      const d = byDay.get(date);
      const from = DateTime.fromISO(date, { zone: rules.timeZone });
      const dayFilter = {
        ...base,
        postedFrom: from.toUTC().toISO()!,
        postedBefore: from.plus({ days: 1 }).toUTC().toISO()!,
      };
      return {
        date,
        total: d?.total ?? 0,
        negative: d?.negative ?? 0,
        neutral: d?.neutral ?? 0,
        positive: d?.positive ?? 0,
        filter: dayFilter,
      };
    }),
    alerts: alerts.map((a) => {
      const local = DateTime.fromJSDate(a.startedAt, { zone: rules.timeZone }).toISODate()!;
      return {
        id: a.id,
        kind: a.kind,
        message: a.message,
        startedAt: a.startedAt.toISOString(),
        resolvedAt: a.resolvedAt?.toISOString() ?? null,
        date: local < period.from ? period.from : local,
        peak: a.peak,
        total: a.total,
      };
    }),
    topics: shownTopics.map((t) => ({
      topic: t.topic,
      complaints: t.current,
      previous: t.previous,
      change: change(t.current, t.previous),
      filter: { ...base, intent: 'complaint', topic: t.topic ?? 'none' },
      examples: examples.filter((e) => e.topic === t.topic).map(toExample),
    })),
    response: {
      all: responseRow(all, 'all', 'All mentions', withAsOf),
      byPriority,
      byPlatform,
      byAgent,
      openAtEnd: { value: all.openAtEnd, filter: { ...withAsOf, response: 'open-at-end' } },
      answeredAfter: {
        value: all.answeredAfter,
        filter: { ...withAsOf, response: 'answered-after' },
      },
      missed: { value: all.missed, filter: { ...withAsOf, response: 'missed' } },
      pending: { value: all.pending, filter: { ...withAsOf, response: 'pending' } },
      definitions: responseDefinitions(rules, asOf),
    },
    moved: {
      risingPhrases: phrases,
      phrasesNote: sampled
        ? `Counted on a fixed sample of about ${PHRASE_SAMPLE.toLocaleString('en')} negative mentions per period (those posted in evenly spaced slices of it) and scaled to all of them.`
        : 'Counted on every negative mention of both periods: a phrase counts once per mention.',
      engagement: {
        available: false,
        note: 'Engagement (likes, reposts, replies) is not collected from the platforms yet, so the most engaged mentions cannot be shown; the mentions from authors with the most followers are shown instead.',
      },
      topReach: { positive: reach.positive.map(toExample), negative: reach.negative.map(toExample) },
      repeatComplainers: {
        authors: repeat.authors.map((a) => ({
          ...a,
          filter: { ...base, intent: 'complaint', authorHandle: a.authorHandle },
        })),
        total: repeat.total,
      },
    },
    definitions: [
      `Days are calendar days in ${rules.timeZone}; a week is Monday 00:00 to Monday 00:00 local time (a week with a daylight-saving change has 167 or 169 hours).`,
      'Mentions: everything collected for the brand, counted by the time it was posted; spam is included in the counts and shown separately.',
      'Net sentiment: (positive − negative) / all mentions, from −100 to +100; its change is in points.',
      'Complaints: mentions whose intent is complaint (as corrected by agents, where they did).',
      'Changes compare with the previous period of the same length.',
      'Rising phrases: words and two-word phrases in negative mentions, by how many more mentions used them than in the previous period.',
    ],
  };
  return report;
}

function change(current: number, previous: number): number | null {
  return previous === 0 ? null : ((current - previous) / previous) * 100;
}

function compared(value: number, previous: number, filter: InboxFilter): ComparedFigure {
  return { value, previous, change: change(value, previous), filter };
}

function pctText(pct: number | null): string {
  return pct === null ? '' : ` (${pct >= 0 ? '+' : ''}${Math.round(pct)}% on the period before)`;
}

function toExample(m: ReportMentionExample): ReportExample {
  return {
    id: m.id,
    platform: m.platform,
    authorHandle: m.authorHandle,
    authorFollowers: m.authorFollowers,
    text: m.text,
    url: m.url,
    postedAt: new Date(m.postedAt).toISOString(),
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "Europe/London; Mon 09:00–17:00, …; closed on 2026-10-22" or "around the clock". */
export function describeBusinessHours(rules: SlaRules): string {
  const hours =
    rules.businessHours === null
      ? 'around the clock'
      : WEEKDAYS.map((d, i) => {
          const span = rules.businessHours?.[`${i + 1}` as '1'];
          return span ? `${d} ${span.open}–${span.close}` : undefined;
        })
          .filter(Boolean)
          .join(', ') || 'never open';
  const holidays = rules.holidays.length === 0 ? '' : `; closed on ${rules.holidays.join(', ')}`;
  return `${rules.timeZone}; ${hours}${holidays}`;
}

function responseDefinitions(rules: SlaRules, asOf: Date): string[] {
  return [
    'A response is the first reply to a mention that reached the platform (state "sent"); queued, failed or unconfirmed replies do not count.',
    `First-response time is counted in business hours only (${describeBusinessHours(rules)}), the calendar the deadlines are set in; medians and 90th percentiles are nearest-rank over answered mentions, in whole minutes rounded down.`,
    "Within deadline: first response at or before the mention's deadline (sla_due_at). The share is within / due, where due = answered + missed.",
    `Replies are counted up to ${asOf.toISOString()}: a mention answered after the period ended counts with its real response time, and is also listed as answered after the period.`,
    'Still open at the end of the period: no response by then. At the time of the report those are either missed (deadline passed, counted as not within deadline) or pending (deadline still ahead, left out of the share).',
    'Spam and mentions closed without a reply are not due a response and are left out of the share; a reopened mention keeps its first response.',
    'By agent: the person who sent the first response; "No response" holds the mentions nobody had answered.',
  ];
}
