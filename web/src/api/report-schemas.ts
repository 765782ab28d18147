import { z } from 'zod';
import { InboxFilterQuerySchema } from './inbox-filter.ts';
import type {
  ReportAlertDto,
  ReportComparedFigure,
  ReportDailyRow,
  ReportDto,
  ReportExampleDto,
  ReportFigure,
  ReportFilter,
  ReportPeriodDto,
  ReportResponseRow,
  ReportSnapshotDto,
  ReportSummaryDto,
  ReportTopicRow,
} from './report-dto.ts';
import { Time, type AssertEqual, type Holds } from './response-schemas.ts';

// The weekly report as the API sends it (report-dto.ts), as zod schemas beside its types; see
// response-schemas.ts for why and how they are held to the types.

export const ReportFilterSchema = InboxFilterQuerySchema.omit({ status: true, priority: true, postedFrom: true, postedBefore: true })
  .extend({
    brandId: z.string(),
    postedFrom: z.string(),
    postedBefore: z.string(),
    priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  })
  .describe('Which mentions a figure counts, as the inbox\'s URL parameters (GET /api/mentions takes them).');
export type ReportFilterCheck = Holds<AssertEqual<z.output<typeof ReportFilterSchema>, ReportFilter>>;

export const ReportFigureSchema = z.object({ value: z.number().nullable(), filter: ReportFilterSchema });
export type ReportFigureCheck = Holds<AssertEqual<z.output<typeof ReportFigureSchema>, ReportFigure>>;

export const ReportComparedFigureSchema = ReportFigureSchema.extend({ previous: z.number().nullable(), change: z.number().nullable() });
export type ReportComparedFigureCheck = Holds<AssertEqual<z.output<typeof ReportComparedFigureSchema>, ReportComparedFigure>>;

export const ReportPeriodDtoSchema = z.object({
  kind: z.enum(['week', 'range']),
  label: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  start: z.string(),
  end: z.string(),
  days: z.array(z.string()),
});
export type ReportPeriodDtoCheck = Holds<AssertEqual<z.output<typeof ReportPeriodDtoSchema>, ReportPeriodDto>>;

export const ReportExampleDtoSchema = z.object({
  id: z.string(),
  platform: z.string(),
  authorHandle: z.string(),
  authorFollowers: z.number().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  postedAt: z.string(),
});
export type ReportExampleDtoCheck = Holds<AssertEqual<z.output<typeof ReportExampleDtoSchema>, ReportExampleDto>>;

export const ReportDailyRowSchema = z.object({
  date: z.string(),
  total: z.number(),
  negative: z.number(),
  neutral: z.number(),
  positive: z.number(),
  filter: ReportFilterSchema,
});
export type ReportDailyRowCheck = Holds<AssertEqual<z.output<typeof ReportDailyRowSchema>, ReportDailyRow>>;

export const ReportTopicRowSchema = z.object({
  topic: z.string().nullable(),
  complaints: z.number(),
  previous: z.number(),
  change: z.number().nullable(),
  filter: ReportFilterSchema,
  examples: z.array(ReportExampleDtoSchema),
});
export type ReportTopicRowCheck = Holds<AssertEqual<z.output<typeof ReportTopicRowSchema>, ReportTopicRow>>;

export const ReportResponseRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  mentions: z.number(),
  answered: z.number(),
  due: z.number(),
  within: z.number(),
  late: z.number(),
  missed: z.number(),
  pending: z.number(),
  withinShare: z.number().nullable(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  filter: ReportFilterSchema,
});
export type ReportResponseRowCheck = Holds<AssertEqual<z.output<typeof ReportResponseRowSchema>, ReportResponseRow>>;

export const ReportAlertDtoSchema = z.object({
  id: z.string(),
  kind: z.string(),
  message: z.string(),
  startedAt: z.string(),
  resolvedAt: z.string().nullable(),
  date: z.string(),
  peak: z.number().nullable(),
  total: z.number().nullable(),
});
export type ReportAlertDtoCheck = Holds<AssertEqual<z.output<typeof ReportAlertDtoSchema>, ReportAlertDto>>;

export const ReportDtoSchema = z.object({
  version: z.literal(1),
  brand: z.object({ id: z.string(), name: z.string() }),
  period: ReportPeriodDtoSchema,
  previousPeriod: ReportPeriodDtoSchema,
  asOf: z.string(),
  generatedAt: z.string(),
  businessHours: z.string(),
  empty: z.boolean(),
  summary: z.string(),
  headline: z.object({
    mentions: ReportComparedFigureSchema,
    netSentiment: ReportComparedFigureSchema,
    complaints: ReportComparedFigureSchema,
    withinDeadline: ReportFigureSchema.extend({ within: z.number(), due: z.number(), dueFilter: ReportFilterSchema.describe('The mentions the share is out of.') }),
    firstResponseMedianMinutes: ReportFigureSchema,
    firstResponseP90Minutes: ReportFigureSchema,
    spam: ReportFigureSchema,
  }),
  daily: z.array(ReportDailyRowSchema),
  alerts: z.array(ReportAlertDtoSchema),
  topics: z.array(ReportTopicRowSchema),
  response: z.object({
    all: ReportResponseRowSchema,
    byPriority: z.array(ReportResponseRowSchema),
    byPlatform: z.array(ReportResponseRowSchema),
    byAgent: z.array(ReportResponseRowSchema),
    openAtEnd: ReportFigureSchema,
    answeredAfter: ReportFigureSchema,
    missed: ReportFigureSchema,
    pending: ReportFigureSchema,
    definitions: z.array(z.string()),
  }),
  moved: z.object({
    risingPhrases: z.array(z.object({ phrase: z.string(), current: z.number(), previous: z.number(), rise: z.number() })),
    phrasesNote: z.string(),
    engagement: z.object({ available: z.literal(false), note: z.string() }),
    topReach: z.object({ positive: z.array(ReportExampleDtoSchema), negative: z.array(ReportExampleDtoSchema) }),
    repeatComplainers: z.object({
      authors: z.array(z.object({ authorHandle: z.string(), complaints: z.number(), filter: ReportFilterSchema })),
      total: z.number(),
    }),
  }),
  definitions: z.array(z.string()),
});
export type ReportDtoCheck = Holds<AssertEqual<z.output<typeof ReportDtoSchema>, ReportDto>>;

export const ReportSummaryDtoSchema = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  periodLabel: z.string(),
  periodStart: Time,
  periodEnd: Time,
  asOf: Time,
  generatedAt: Time,
  final: z.boolean().describe('False for a period still running (counted up to asOf; replaced when asked again).'),
});
export type ReportSummaryDtoCheck = Holds<AssertEqual<z.output<typeof ReportSummaryDtoSchema>, ReportSummaryDto>>;

export const ReportSnapshotDtoSchema = ReportSummaryDtoSchema.extend({ report: ReportDtoSchema });
export type ReportSnapshotDtoCheck = Holds<AssertEqual<z.output<typeof ReportSnapshotDtoSchema>, ReportSnapshotDto>>;
