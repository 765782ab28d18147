import type { InboxFilterQuery } from './inbox-filter.ts';

// A weekly report as the API sends it: the snapshot JSON the worker stored (its type is
// worker/src/reports/report-types.ts, which web may not import). tests/pipeline/reports-api.test.ts
// assigns the worker's Report to ReportDto, so the type checker tells when the two part ways.

/** Which mentions a figure counts, as inbox URL parameters (the report's InboxFilter). */
export type ReportFilter = Omit<InboxFilterQuery, 'status' | 'priority' | 'postedFrom' | 'postedBefore'> & {
  brandId: string;
  postedFrom: string;
  postedBefore: string;
  priority?: 1 | 2 | 3 | 4 | undefined;
};

export interface ReportFigure {
  value: number | null;
  filter: ReportFilter;
}

export interface ReportComparedFigure extends ReportFigure {
  previous: number | null;
  change: number | null;
}

export interface ReportPeriodDto {
  kind: 'week' | 'range';
  label: string;
  timeZone: string;
  from: string;
  to: string;
  start: string;
  end: string;
  days: string[];
}

export interface ReportExampleDto {
  id: string;
  platform: string;
  authorHandle: string;
  authorFollowers: number | null;
  text: string;
  url: string | null;
  postedAt: string;
}

export interface ReportDailyRow {
  date: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  filter: ReportFilter;
}

export interface ReportTopicRow {
  topic: string | null;
  complaints: number;
  previous: number;
  change: number | null;
  filter: ReportFilter;
  examples: ReportExampleDto[];
}

export interface ReportResponseRow {
  key: string;
  label: string;
  mentions: number;
  answered: number;
  due: number;
  within: number;
  late: number;
  missed: number;
  pending: number;
  withinShare: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  filter: ReportFilter;
}

/** An alert open during the period, marked on the daily chart on `date` (a local day of the period). */
export interface ReportAlertDto {
  id: string;
  kind: string;
  message: string;
  startedAt: string;
  resolvedAt: string | null;
  date: string;
  peak: number | null;
  total: number | null;
}

export interface ReportDto {
  version: 1;
  brand: { id: string; name: string };
  period: ReportPeriodDto;
  previousPeriod: ReportPeriodDto;
  asOf: string;
  generatedAt: string;
  businessHours: string;
  empty: boolean;
  summary: string;
  headline: {
    mentions: ReportComparedFigure;
    netSentiment: ReportComparedFigure;
    complaints: ReportComparedFigure;
    withinDeadline: ReportFigure & { within: number; due: number; /** The mentions the share is out of. */ dueFilter: ReportFilter };
    firstResponseMedianMinutes: ReportFigure;
    firstResponseP90Minutes: ReportFigure;
    spam: ReportFigure;
  };
  daily: ReportDailyRow[];
  alerts: ReportAlertDto[];
  topics: ReportTopicRow[];
  response: {
    all: ReportResponseRow;
    byPriority: ReportResponseRow[];
    byPlatform: ReportResponseRow[];
    byAgent: ReportResponseRow[];
    openAtEnd: ReportFigure;
    answeredAfter: ReportFigure;
    missed: ReportFigure;
    pending: ReportFigure;
    definitions: string[];
  };
  moved: {
    risingPhrases: { phrase: string; current: number; previous: number; rise: number }[];
    phrasesNote: string;
    engagement: { available: false; note: string };
    topReach: { positive: ReportExampleDto[]; negative: ReportExampleDto[] };
    repeatComplainers: {
      authors: { authorHandle: string; complaints: number; filter: ReportFilter }[];
      total: number;
    };
  };
  definitions: string[];
}

/** A stored report without its figures, for the list of reports. */
export interface ReportSummaryDto {
  id: string;
  brandId: string;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  generatedAt: string;
  /** False for a period still running (counted up to asOf; replaced when asked again). */
  final: boolean;
}

export interface ReportSnapshotDto extends ReportSummaryDto {
  report: ReportDto;
}
