import { z } from 'zod';
import type {
  QuerySchemaDto,
  StreamDeletionDto,
  BrandDeletionDto,
  SavedRepliesAnswer,
  SavedReplyDto,
  AgreementDto,
  ApiTokenDto,
  AuditEntryDto,
  AuditPage,
  AuthorContextDto,
  BrandDto,
  BrandModelDto,
  BulkTagResult,
  ConnectionDto,
  CreatedInvitation,
  InboxCountsDto,
  InboxPage,
  InvitationDto,
  MentionDetail,
  MentionDto,
  NoteDto,
  NoticeDto,
  NoticesDto,
  PlatformDto,
  ReadinessDto,
  ReplyCheckResult,
  ReplyDto,
  SavedViewDto,
  SlaPolicyDto,
  StatusChangeDto,
  StreamDto,
  TagDto,
  TeammateDto,
  TeamUserDto,
  TotpSetup,
  TotpStatus,
  UserDto,
  ViewerDto,
  PresenceDto,
  AlertDto,
} from './contract.ts';
import { AlertRuleKnobsSchema, type AlertDeliveryDto, type AlertDetailDto, type AlertHistoryPage, type AlertRuleDto } from './alerts-contract.ts';
import type { ChannelDto, DeliveryLogDto } from './channels-contract.ts';
import type { IncidentDetail, IncidentDto, IncidentMentionDto, IncidentProgressDto, IncidentSummaryDto } from './incidents-contract.ts';
import { OVERRIDABLE_CHECKS } from './reply-checks.ts';

// The answers of the HTTP API as zod schemas, for the OpenAPI document
// (web/src/server/openapi/route-responses.ts) and for tests that check what the server sends.
// The TypeScript interfaces stay where they are (the dashboard imports them; this file, with zod,
// must never reach the dashboard's bundle). Beside each schema, a type that compiles only while
// the schema's output and the interface are mutually assignable, so the two cannot drift apart.
// The weekly report's schemas are in report-schemas.ts.

/** `true` when A and B are each assignable to the other. */
export type AssertEqual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when T is `true`: `Holds<AssertEqual<z.output<typeof XSchema>, X>>`. */
export type Holds<T extends true> = T;

/** An instant as the API writes it (`Date.toISOString()`). */
export const Time = z.iso.datetime({ offset: true });
const Id = z.uuid();
const Role = z.enum(['viewer', 'agent', 'manager', 'admin']);
const Sentiment = z.enum(['negative', 'neutral', 'positive']);
const MentionStatus = z.enum(['open', 'pending', 'answered', 'closed', 'ignored']);
const ReplyState = z.enum(['queued', 'sending', 'sent', 'failed', 'unknown']);
const Priority = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

// Users and sessions.

export const UserDtoSchema = z.object({ id: Id, email: z.string(), name: z.string(), role: Role });
export type UserDtoCheck = Holds<AssertEqual<z.output<typeof UserDtoSchema>, UserDto>>;

export const TeamUserDtoSchema = UserDtoSchema.extend({
  createdAt: Time,
  disabledAt: Time.nullable(),
  totpEnabled: z.boolean(),
  brandIds: z.array(Id).describe('The brands this user is limited to; empty means every brand.'),
});
export type TeamUserDtoCheck = Holds<AssertEqual<z.output<typeof TeamUserDtoSchema>, TeamUserDto>>;

export const InvitationDtoSchema = z.object({ id: Id, email: z.string(), role: Role, createdAt: Time, expiresAt: Time });
export type InvitationDtoCheck = Holds<AssertEqual<z.output<typeof InvitationDtoSchema>, InvitationDto>>;

export const CreatedInvitationSchema = z.object({
  invitation: InvitationDtoSchema,
  token: z.string().describe('Shown once: only its hash is stored.'),
  path: z.string().describe("The dashboard's accept page for this token; prefix it with the address Earshot is served at."),
});
export type CreatedInvitationCheck = Holds<AssertEqual<z.output<typeof CreatedInvitationSchema>, CreatedInvitation>>;

export const ApiTokenDtoSchema = z.object({ id: Id, name: z.string(), role: Role, createdAt: Time, expiresAt: Time.nullable(), lastUsedAt: Time.nullable() });
export type ApiTokenDtoCheck = Holds<AssertEqual<z.output<typeof ApiTokenDtoSchema>, ApiTokenDto>>;

export const TotpStatusSchema = z.object({ enabled: z.boolean(), pending: z.boolean().describe('A secret was made and waits for its first code.') });
export type TotpStatusCheck = Holds<AssertEqual<z.output<typeof TotpStatusSchema>, TotpStatus>>;

export const TotpSetupSchema = z.object({
  secret: z.string().describe('Base32, for typing into an authenticator app.'),
  uri: z.string().describe('otpauth:// URI, for apps that take a link or a QR code of it.'),
});
export type TotpSetupCheck = Holds<AssertEqual<z.output<typeof TotpSetupSchema>, TotpSetup>>;

// Mentions, replies and the team inbox.

export const TagDtoSchema = z.object({ id: Id, name: z.string() });
export type TagDtoCheck = Holds<AssertEqual<z.output<typeof TagDtoSchema>, TagDto>>;

export const MentionDtoSchema = z.object({
  id: Id,
  brandId: Id,
  platform: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  text: z.string().describe('As posted: hostile text, to be shown as text, never as HTML.'),
  author: z.object({ handle: z.string(), name: z.string().nullable(), followers: z.number().nullable(), verified: z.boolean() }),
  context: z.object({ externalId: z.string(), authorHandle: z.string().nullable(), text: z.string().nullable() }).nullable(),
  postedAt: Time,
  sentiment: Sentiment,
  sentimentScore: z.number(),
  confidence: z.number(),
  intent: z.string(),
  topic: z.string().nullable(),
  isSpam: z.boolean(),
  priority: Priority,
  priorityReason: z.string(),
  slaDueAt: Time,
  status: MentionStatus,
  answeredAt: Time.nullable(),
  assigneeId: Id.nullable(),
  followUpAt: Time.nullable(),
  tags: z.array(TagDtoSchema),
  corrected: z.array(z.enum(['sentiment', 'intent', 'priority'])).optional().describe('Fields an agent set by hand.'),
});
export type MentionDtoCheck = Holds<AssertEqual<z.output<typeof MentionDtoSchema>, MentionDto>>;

export const ReplyDtoSchema = z.object({
  id: Id,
  mentionId: Id,
  text: z.string(),
  state: ReplyState,
  url: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: Time,
  sentAt: Time.nullable(),
  userName: z.string().nullable(),
});
export type ReplyDtoCheck = Holds<AssertEqual<z.output<typeof ReplyDtoSchema>, ReplyDto>>;

export const InboxPageSchema = z.object({
  items: z.array(MentionDtoSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last.'),
});
export type InboxPageCheck = Holds<AssertEqual<z.output<typeof InboxPageSchema>, InboxPage>>;

export const StatusChangeDtoSchema = z.object({ from: z.string(), to: z.string(), userName: z.string().nullable(), followUpAt: Time.nullable(), at: Time });
export type StatusChangeDtoCheck = Holds<AssertEqual<z.output<typeof StatusChangeDtoSchema>, StatusChangeDto>>;

export const NoteDtoSchema = z.object({ id: Id, text: z.string(), userName: z.string().nullable(), mentionedUserIds: z.array(Id), createdAt: Time });
export type NoteDtoCheck = Holds<AssertEqual<z.output<typeof NoteDtoSchema>, NoteDto>>;

export const MentionDetailSchema = z.object({
  mention: MentionDtoSchema,
  replies: z.array(ReplyDtoSchema),
  statusChanges: z.array(StatusChangeDtoSchema).optional(),
  notes: z.array(NoteDtoSchema).optional(),
});
export type MentionDetailCheck = Holds<AssertEqual<z.output<typeof MentionDetailSchema>, MentionDetail>>;

export const InboxCountsDtoSchema = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  mine: z.number().int(),
  unassigned: z.number().int(),
  cap: z.number().int().describe('A count equal to `cap` means "at least".'),
});
export type InboxCountsDtoCheck = Holds<AssertEqual<z.output<typeof InboxCountsDtoSchema>, InboxCountsDto>>;

export const TeammateDtoSchema = z.object({ id: Id, name: z.string(), role: Role, away: z.boolean() });
export type TeammateDtoCheck = Holds<AssertEqual<z.output<typeof TeammateDtoSchema>, TeammateDto>>;

export const ViewerDtoSchema = z.object({ userId: Id, name: z.string(), typing: z.boolean() });
export type ViewerDtoCheck = Holds<AssertEqual<z.output<typeof ViewerDtoSchema>, ViewerDto>>;
export const PresenceDtoSchema = z.object({ viewers: z.array(ViewerDtoSchema), version: z.number().int().positive() });
export type PresenceDtoCheck = Holds<AssertEqual<z.output<typeof PresenceDtoSchema>, PresenceDto>>;

export const NoticeDtoSchema = z.object({ id: Id, kind: z.enum(['follow_up', 'note_mention']), mentionId: Id.nullable(), text: z.string(), createdAt: Time, read: z.boolean() });
export type NoticeDtoCheck = Holds<AssertEqual<z.output<typeof NoticeDtoSchema>, NoticeDto>>;

export const NoticesDtoSchema = z.object({ notices: z.array(NoticeDtoSchema), unread: z.number().int() });
export type NoticesDtoCheck = Holds<AssertEqual<z.output<typeof NoticesDtoSchema>, NoticesDto>>;

export const SavedViewDtoSchema = z.object({ id: Id, name: z.string(), search: z.string().describe('The inbox URL\'s search, "?status=…&…".') });
export type SavedViewDtoCheck = Holds<AssertEqual<z.output<typeof SavedViewDtoSchema>, SavedViewDto>>;

export const BulkTagResultSchema = z.object({ tag: TagDtoSchema, tagged: z.array(Id).describe('The mentions that did not carry the tag before.') });
export type BulkTagResultCheck = Holds<AssertEqual<z.output<typeof BulkTagResultSchema>, BulkTagResult>>;

export const AuthorContextDtoSchema = z.object({
  handle: z.string(),
  mentions: z.number().int(),
  complaints: z.number().int(),
  repliesSent: z.number().int(),
  earlier: z.array(z.object({ id: Id, text: z.string(), postedAt: Time, sentiment: z.string(), intent: z.string(), status: z.string() })),
  replies: z.array(z.object({ mentionId: Id, text: z.string(), sentAt: Time, userName: z.string().nullable() })),
});
export type AuthorContextDtoCheck = Holds<AssertEqual<z.output<typeof AuthorContextDtoSchema>, AuthorContextDto>>;

export const ReplyCheckResultSchema = z.object({
  length: z.number().int(),
  limit: z.number().int(),
  findings: z.array(z.object({ check: z.enum([...OVERRIDABLE_CHECKS, 'too-long']), message: z.string(), found: z.string().optional() })),
  tone: z.object({ sentiment: Sentiment, score: z.number(), confidence: z.number() }).nullable(),
});
export type ReplyCheckResultCheck = Holds<AssertEqual<z.output<typeof ReplyCheckResultSchema>, ReplyCheckResult>>;

// Brands, streams, platforms, connections.

export const BrandDtoSchema = z.object({ id: Id, name: z.string(), autoAssignCap: z.number().int().nullable().optional() });
export type BrandDtoCheck = Holds<AssertEqual<z.output<typeof BrandDtoSchema>, BrandDto>>;

export const StreamDtoSchema = z.object({
  id: Id,
  brandId: Id,
  platform: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  query: z.unknown().describe("Platform-specific (see the platform's queryExample)."),
  pollIntervalMs: z.number().int(),
  health: z.object({
    state: z.enum(['ok', 'failing', 'rate-limited', 'budget-exhausted', 'disabled', 'pending']),
    failingSince: Time.nullable(),
    lastPollAt: Time.nullable(),
    lastSuccessAt: Time.nullable(),
    lastError: z.string().nullable(),
    notice: z.string().nullable(),
    noticeAt: Time.nullable(),
    rateLimitedUntil: Time.nullable(),
    fetchedToday: z.number().int(),
    readsThisMonth: z.number().int(),
    readBudgetMonthly: z.number().int().nullable(),
  }),
});
export type StreamDtoCheck = Holds<AssertEqual<z.output<typeof StreamDtoSchema>, StreamDto>>;

/**
 * A platform's stream query as JSON Schema (a JSON Schema itself, recursive): documented as an
 * open object, since a recursive zod schema renders as a `$ref` the document does not hold.
 */
export const QuerySchemaDtoSchema = z.looseObject({}) as unknown as z.ZodType<QuerySchemaDto>;

export const PlatformDtoSchema = z.object({
  platform: z.string(),
  label: z.string(),
  needsCredentials: z.boolean(),
  configured: z.boolean().optional(),
  querySchema: QuerySchemaDtoSchema.optional(),
  credentialFields: z.array(z.object({ name: z.string(), label: z.string(), secret: z.boolean(), optional: z.boolean() })),
  queryExample: z.unknown(),
  replyLimit: z.number().int(),
  replyCounting: z.enum(['x-weighted', 'graphemes', 'code-points']),
});
export type PlatformDtoCheck = Holds<AssertEqual<z.output<typeof PlatformDtoSchema>, PlatformDto>>;

export const ConnectionDtoSchema = z.object({
  platform: z.string(),
  configured: z.boolean(),
  fields: z.array(z.string()).describe('Names of the fields stored, never their values.'),
  updatedAt: Time.nullable(),
});
export type ConnectionDtoCheck = Holds<AssertEqual<z.output<typeof ConnectionDtoSchema>, ConnectionDto>>;

// Alerts, SLA policies, agreement.

export const AlertDtoSchema = z.object({
  id: Id,
  kind: z.string(),
  streamId: Id.nullable(),
  brandId: Id.nullable(),
  ruleId: Id.nullable(),
  message: z.string(),
  createdAt: Time,
  acknowledgedAt: Time.nullable(),
  linkPath: z.string().nullable(),
});
export type AlertDtoCheck = Holds<AssertEqual<z.output<typeof AlertDtoSchema>, AlertDto>>;

export const AlertRuleDtoSchema = z.object({
  id: Id,
  brandId: Id,
  name: z.string(),
  enabled: z.boolean(),
  isDefault: z.boolean(),
  // As stored: only the knobs set by hand (the preset fills the rest), so every knob is optional.
  rule: AlertRuleKnobsSchema.partial(),
  falseAlarmHours: z.record(z.string(), z.object({ at: z.string(), n: z.number().int() })),
  updatedAt: Time,
});
export type AlertRuleDtoCheck = Holds<AssertEqual<z.output<typeof AlertRuleDtoSchema>, AlertRuleDto>>;

export const AlertDetailDtoSchema = z.object({
  id: Id,
  kind: z.string(),
  brandId: Id.nullable(),
  streamId: Id.nullable(),
  ruleId: Id.nullable(),
  ruleName: z.string().nullable(),
  message: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: Time,
  startedAt: Time.nullable(),
  resolvedAt: Time.nullable(),
  updatedAt: Time,
  peak: z.number().nullable(),
  total: z.number().nullable(),
  details: z.record(z.string(), z.unknown()).nullable().describe('The explanation as the detector stored it.'),
  acknowledgedAt: Time.nullable(),
  acknowledgedBy: z.string().nullable(),
  outcome: z.enum(['resolved', 'false_alarm']).nullable(),
  handledAt: Time.nullable(),
  handledBy: z.string().nullable(),
});
export type AlertDetailDtoCheck = Holds<AssertEqual<z.output<typeof AlertDetailDtoSchema>, AlertDetailDto>>;

export const AlertHistoryPageSchema = z.object({ alerts: z.array(AlertDetailDtoSchema), next: z.string().nullable().describe('Pass as `after` for the next page; null on the last.') });
export type AlertHistoryPageCheck = Holds<AssertEqual<z.output<typeof AlertHistoryPageSchema>, AlertHistoryPage>>;

export const DeliveryLogDtoSchema = z.object({
  id: Id,
  title: z.string().optional().describe("What was delivered (in a channel's history)."),
  createdAt: Time,
  channelId: Id,
  channelName: z.string(),
  channelKind: z.enum(['email', 'webhook']),
  state: z.enum(['pending', 'sending', 'held', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  releaseAt: Time.nullable(),
  deliveredAt: Time.nullable(),
});
export type DeliveryLogDtoCheck = Holds<AssertEqual<z.output<typeof DeliveryLogDtoSchema>, DeliveryLogDto>>;

export const AlertDeliveryDtoSchema = DeliveryLogDtoSchema.extend({
  title: z.string(),
  lastError: z.string().nullable().describe('Managers only; null for others.'),
});
export type AlertDeliveryDtoCheck = Holds<AssertEqual<z.output<typeof AlertDeliveryDtoSchema>, AlertDeliveryDto>>;

const OpeningHours = z.object({ open: z.string(), close: z.string() });
export const SlaPolicyDtoSchema = z.object({
  brandId: Id,
  timeZone: z.string(),
  targetsMinutes: z.object({ P1: z.number(), P2: z.number(), P3: z.number(), P4: z.number() }),
  businessHours: z
    .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), OpeningHours)
    .nullable()
    .describe('null = around the clock; else ISO weekday "1" (Mon) … "7" → { open: "HH:MM", close: "HH:MM" }.'),
  holidays: z.array(z.string()),
  alertLeadMinutes: z.number(),
});
export type SlaPolicyDtoCheck = Holds<AssertEqual<z.output<typeof SlaPolicyDtoSchema>, SlaPolicyDto>>;

export const BrandModelDtoSchema = z.object({
  labels: z.number().int(),
  confirmations: z.number().int(),
  trainedAt: Time,
  scored: z.number().int(),
  baseAgreement: z.number().nullable(),
  brandAgreement: z.number().nullable(),
  changedShare: z.number().nullable(),
  kept: z.boolean(),
});
export type BrandModelDtoCheck = Holds<AssertEqual<z.output<typeof BrandModelDtoSchema>, BrandModelDto>>;

export const AgreementDtoSchema = z.object({
  brandId: Id,
  brandName: z.string(),
  analysed: z.number().int(),
  corrections: z.number().int(),
  overruled: z.object({ sentiment: z.number().int(), intent: z.number().int(), priority: z.number().int() }),
  agreement: z.object({ sentiment: z.number().nullable(), intent: z.number().nullable(), priority: z.number().nullable() }),
  brandModel: BrandModelDtoSchema.nullable(),
  brandModelPending: z.boolean(),
});
export type AgreementDtoCheck = Holds<AssertEqual<z.output<typeof AgreementDtoSchema>, AgreementDto>>;

// Notification channels.

const QuietHours = z.object({ start: z.string(), end: z.string(), timeZone: z.string() });
export const ChannelDtoSchema = z.object({
  id: Id,
  brandId: Id.nullable(),
  kind: z.enum(['email', 'webhook']),
  name: z.string(),
  config: z
    .union([z.object({ recipients: z.array(z.string()) }), z.object({ url: z.string(), format: z.enum(['slack', 'json']) })])
    .describe("A webhook's URL is shown masked (origin and first path segment): it is often the credential."),
  minSeverity: z.enum(['low', 'high']),
  quietHours: QuietHours.nullable(),
  enabled: z.boolean(),
  secretSealed: z.boolean().nullable(),
  createdAt: Time,
  updatedAt: Time,
});
export type ChannelDtoCheck = Holds<AssertEqual<z.output<typeof ChannelDtoSchema>, ChannelDto>>;

// Incidents.

export const IncidentSummaryDtoSchema = z.object({
  id: Id,
  alertId: Id,
  brandId: Id,
  brandName: z.string(),
  message: z.string(),
  startedAt: Time.nullable(),
  acknowledgedAt: Time.nullable(),
  deadlineFactor: z.number().nullable(),
  mentions: z.number().int(),
});
export type IncidentSummaryDtoCheck = Holds<AssertEqual<z.output<typeof IncidentSummaryDtoSchema>, IncidentSummaryDto>>;

export const IncidentProgressDtoSchema = z.object({
  mentions: z.number().int(),
  sent: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  unsent: z.number().int(),
});
export type IncidentProgressDtoCheck = Holds<AssertEqual<z.output<typeof IncidentProgressDtoSchema>, IncidentProgressDto>>;

export const IncidentDtoSchema = z.object({
  id: Id,
  alertId: Id,
  brandId: Id,
  brandName: z.string(),
  message: z.string(),
  terms: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  startedAt: Time.nullable(),
  createdAt: Time,
  acknowledgedAt: Time.nullable(),
  outcome: z.enum(['resolved', 'false_alarm']).nullable(),
  deadlineFactor: z.number().nullable(),
  deadlineSince: Time.nullable(),
  deadlineSetBy: z.string().nullable(),
  holdingText: z.string().nullable(),
});
export type IncidentDtoCheck = Holds<AssertEqual<z.output<typeof IncidentDtoSchema>, IncidentDto>>;

export const IncidentMentionDtoSchema = z.object({
  id: Id,
  platform: z.string(),
  authorHandle: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  postedAt: Time,
  status: MentionStatus,
  replyState: ReplyState.nullable(),
  replyUrl: z.string().nullable(),
});
export type IncidentMentionDtoCheck = Holds<AssertEqual<z.output<typeof IncidentMentionDtoSchema>, IncidentMentionDto>>;

export const IncidentDetailSchema = z.object({ incident: IncidentDtoSchema, progress: IncidentProgressDtoSchema, mentions: z.array(IncidentMentionDtoSchema) });
export type IncidentDetailCheck = Holds<AssertEqual<z.output<typeof IncidentDetailSchema>, IncidentDetail>>;

// The audit log.

export const AuditEntryDtoSchema = z.object({
  id: z.number().int(),
  at: Time,
  actor: z.object({ id: Id.nullable(), label: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  brandId: Id.nullable(),
  details: z.record(z.string(), z.unknown()).describe("A reply's text for replies; never a credential value."),
  clientAddress: z.string().nullable(),
});
export type AuditEntryDtoCheck = Holds<AssertEqual<z.output<typeof AuditEntryDtoSchema>, AuditEntryDto>>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntryDtoSchema),
  nextCursor: z.string().nullable(),
  actions: z.array(z.string()).describe('Every action Earshot records, for a filter.'),
});
export type AuditPageCheck = Holds<AssertEqual<z.output<typeof AuditPageSchema>, AuditPage>>;

// Health.

const DependencyHealthDtoSchema = z.object({ status: z.enum(['up', 'down']), since: Time, message: z.string() });
export const ReadinessDtoSchema = z.object({
  status: z.enum(['ready', 'degraded']),
  checkedAt: Time,
  message: z.string(),
  dependencies: z.object({ postgresql: DependencyHealthDtoSchema, redis: DependencyHealthDtoSchema, replica: DependencyHealthDtoSchema.optional() }),
});
export type ReadinessDtoCheck = Holds<AssertEqual<z.output<typeof ReadinessDtoSchema>, ReadinessDto>>;

export const SavedReplyDtoSchema = z.object({
  id: z.uuid(),
  brandId: z.uuid().nullable(),
  title: z.string(),
  body: z.string(),
  updatedAt: Time,
});
export type SavedReplyDtoCheck = Holds<AssertEqual<z.output<typeof SavedReplyDtoSchema>, SavedReplyDto>>;
export const SavedRepliesAnswerSchema = z.object({
  savedReplies: z.array(SavedReplyDtoSchema),
  values: z.object({ author: z.string(), brand: z.string(), agent: z.string() }).nullable(),
});
export type SavedRepliesAnswerCheck = Holds<AssertEqual<z.output<typeof SavedRepliesAnswerSchema>, SavedRepliesAnswer>>;

export const StreamDeletionDtoSchema = z.object({ mentions: z.number().int() });
export type StreamDeletionDtoCheck = Holds<AssertEqual<z.output<typeof StreamDeletionDtoSchema>, StreamDeletionDto>>;
export const BrandDeletionDtoSchema = z.object({ streams: z.number().int(), mentions: z.number().int(), replies: z.number().int() });
export type BrandDeletionDtoCheck = Holds<AssertEqual<z.output<typeof BrandDeletionDtoSchema>, BrandDeletionDto>>;
