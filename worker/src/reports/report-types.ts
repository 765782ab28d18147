import type { InboxFilter } from '@earshot/db';
import type { ReportPeriod } from './report-period.ts';
import type { RisingPhrase } from './rising-phrases.ts';

/** A number shown in a report and the inbox filter that lists the mentions behind it. */
export interface Figure {
  value: number | null;
  filter: InboxFilter;
}

/** A figure compared with the previous period. */
export interface ComparedFigure extends Figure {
  previous: number | null;
  /** Percent change on the previous period (counts), or difference in points (net sentiment); null when there is nothing to compare with. */
  change: number | null;
}

export interface ReportExample {
  id: string;
  platform: string;
  authorHandle: string;
  authorFollowers: number | null;
  text: string;
  url: string | null;
  postedAt: string;
}

export interface DailyRow {
  /** YYYY-MM-DD, local. */
  date: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  filter: InboxFilter;
}

export interface ReportAlert {
  id: string;
  kind: string;
  message: string;
  startedAt: string;
  resolvedAt: string | null;
  /** The local day of the period it is marked on: the day it started, or the first day if earlier. */
  date: string;
  peak: number | null;
  total: number | null;
}

export interface TopicRow {
  /** null: complaints without a topic. */
  topic: string | null;
  complaints: number;
  previous: number;
  /** Percent change; null when the previous period had none. */
  change: number | null;
  filter: InboxFilter;
  examples: ReportExample[];
}

/** One row of a response table. Minutes are business minutes (the brand's open time). */
export interface ResponseRow {
  /** Priority "P1"…, a platform, an agent's id, or "none" (nobody answered) / "all". */
  key: string;
  label: string;
  mentions: number;
  answered: number;
  due: number;
  within: number;
  late: number;
  missed: number;
  pending: number;
  /** within / due; null when nothing was due. */
  withinShare: number | null;
  medianMinutes: number | null;
  p90Minutes: number | null;
  filter: InboxFilter;
}

export interface Report {
  version: 1;
  brand: { id: string; name: string };
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  /** Replies sent after this were not counted. */
  asOf: string;
  generatedAt: string;
  /** The SLA calendar the response times were counted in, in words. */
  businessHours: string;
  /** True when the brand had no mentions in the period: the report says so instead of showing empty tables. */
  empty: boolean;
  summary: string;
  headline: {
    mentions: ComparedFigure;
    /** (positive − negative) / all, from −1 to 1. */
    netSentiment: ComparedFigure;
    complaints: ComparedFigure;
    /** Share of due mentions first answered by their deadline. */
    withinDeadline: Figure & { within: number; due: number; /** The mentions the share is out of. */ dueFilter: InboxFilter };
    firstResponseMedianMinutes: Figure;
    firstResponseP90Minutes: Figure;
    spam: Figure;
  };
  daily: DailyRow[];
  /** Alerts open during the period (spikes, failing streams), marked on the daily chart. */
  alerts: ReportAlert[];
  topics: TopicRow[];
  response: {
    all: ResponseRow;
    byPriority: ResponseRow[];
    byPlatform: ResponseRow[];
    byAgent: ResponseRow[];
    /** No response by the period's end (spam and closed mentions aside). */
    openAtEnd: Figure;
    /** First response after the period ended (counted, with its real time). */
    answeredAfter: Figure;
    /** Unanswered at asOf with the deadline passed / still ahead. */
    missed: Figure;
    pending: Figure;
    definitions: string[];
  };
  moved: {
    risingPhrases: RisingPhrase[];
    /** How the phrases were counted (all negative mentions, or a sample and its size). */
    phrasesNote: string;
    engagement: { available: false; note: string };
    /** Mentions by authors with the most followers: reach, shown because engagement is not collected. */
    topReach: { positive: ReportExample[]; negative: ReportExample[] };
    repeatComplainers: {
      authors: { authorHandle: string; complaints: number; filter: InboxFilter }[];
      total: number;
    };
  };
  definitions: string[];
}
