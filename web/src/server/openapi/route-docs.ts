import { z } from 'zod';
import { SlaPolicyInputSchema } from '@earshot/policy';
import {
  AcceptInvitationBodySchema,
  ApiTokenBodySchema,
  AuditQuerySchema,
  BrandBodySchema,
  BrandDeleteBodySchema,
  ConnectionBodySchema,
  CorrectionBodySchema,
  InboxQuerySchema,
  InvitationBodySchema,
  InvitationPreviewBodySchema,
  NewStreamBodySchema,
  ReportListQuerySchema,
  ReportRequestBodySchema,
  SavedRepliesQuerySchema,
  SavedReplyBodySchema,
  SendReplyBodySchema,
  SignInBodySchema,
  StreamPatchBodySchema,
  TotpCodeBodySchema,
  UserPatchBodySchema,
} from '../../api/contract.ts';
import { AlertHistoryQuerySchema, AlertRuleBodySchema, AlertRulePatchSchema } from '../../api/alerts-contract.ts';
import { BrandLimitBodySchema } from '../../api/brand-access-contract.ts';
import { PasswordResetAnswerSchema, PasswordResetConfirmBodySchema, PasswordResetRequestBodySchema } from '../../api/password-reset-contract.ts';
import { ChannelPatchBodySchema, NewChannelBodySchema } from '../../api/channels-contract.ts';
import { AssignBodySchema, AutoAssignBodySchema, AwayBodySchema, InboxCountsQuerySchema, NoteBodySchema, PresenceBodySchema, StatusBodySchema } from '../../api/team-inbox-contract.ts';
import { BulkTagBodySchema, ReplyCheckBodySchema, SavedViewBodySchema, TagBodySchema } from '../../api/find-contract.ts';
import { HoldingReplyBodySchema, IncidentDeadlinesBodySchema, IncidentListQuerySchema } from '../../api/incidents-contract.ts';
import type { RouteKey } from '../access.ts';

/** What the OpenAPI document says of one route, beyond what the permission table and the path say. */
export interface RouteDoc {
  summary: string;
  /** The zod schema the handler parses its JSON body with. */
  body?: z.ZodType;
  /** The zod schema the handler parses its query string with (an object). */
  query?: z.ZodType;
  /** The success answer's status (200 unless said). */
  status?: number;
  /** A zod schema of the success answer, where the contract has one; otherwise `responseType` names its TypeScript type. */
  response?: z.ZodType;
  /** The contract type (web/src/api/*.ts) of the answer, or its media type for files. */
  responseType?: string;
  /** A non-JSON answer (files, event stream). */
  mediaType?: string;
}

const BrandsAnswer = z.object({ brands: z.array(z.object({ id: z.uuid(), name: z.string() })) });

/**
 * The docs of every route in ROUTE_ACCESS, with the same zod schemas the handlers parse their
 * input with (imported, not copied). A route added to the permission table without an entry
 * here fails tests/pipeline/openapi.test.ts.
 */
export const ROUTE_DOCS: Partial<Record<RouteKey, RouteDoc>> = {
  'POST /api/session': { summary: 'Sign in (sets the session cookie); a `totp_required` reason asks for a two-factor code.', body: SignInBodySchema, responseType: '{ user: UserDto }' },
  'GET /api/session': { summary: 'Who is signed in.', responseType: '{ user: UserDto }' },
  'DELETE /api/session': { summary: 'Sign out this session.', status: 204 },
  'DELETE /api/sessions': { summary: 'Sign out everywhere: ends every session of yours.', status: 204 },

  'GET /api/mentions': { summary: 'One inbox page, earliest deadline first; keyset-paginated with `cursor`. Only brands you may see.', query: InboxQuerySchema, responseType: 'InboxPage' },
  'GET /api/mentions/:id': { summary: 'One mention with its replies.', responseType: 'MentionDetail' },
  'POST /api/mentions/:id/replies': { summary: 'Queue a public reply; the same idempotency key never posts twice.', body: SendReplyBodySchema, status: 202, responseType: '{ reply: ReplyDto }' },
  'POST /api/mentions/:id/corrections': { summary: "Overrule the model's sentiment, intent or priority.", body: CorrectionBodySchema, responseType: '{ mention: MentionDto }' },
  'GET /api/events': { summary: 'Server-Sent Events: new and changed mentions (of brands you may see) and alert changes.', mediaType: 'text/event-stream' },

  'GET /api/brands': { summary: 'The brands you may see.', response: BrandsAnswer },
  'POST /api/brands': { summary: 'Add a brand (not for users limited to some brands).', body: BrandBodySchema, status: 201, responseType: '{ brand: { id, name } }' },
  'GET /api/streams': { summary: 'Streams (brand + platform + query) with their health.', responseType: '{ streams: StreamDto[] }' },
  'POST /api/streams': { summary: 'Add a stream. `warning` says when its platform has no credentials stored (it cannot poll until an admin adds them).', body: NewStreamBodySchema, status: 201, responseType: '{ stream: StreamDto, warning?: string }' },
  'PATCH /api/streams/:id': { summary: 'Change a stream (name, query, enabled, pace, budget).', body: StreamPatchBodySchema, responseType: '{ stream: StreamDto }' },
  'GET /api/streams/:id/deletion': { summary: 'What deleting a stream would change: how many of its mentions stay with the brand.', responseType: 'StreamDeletionDto' },
  'DELETE /api/streams/:id': { summary: "Delete a stream; its mentions stay in the brand's inbox.", status: 204 },
  'GET /api/brands/:id/deletion': { summary: 'What deleting a brand would remove: its streams, mentions and replies.', responseType: 'BrandDeletionDto' },
  'DELETE /api/brands/:id': { summary: 'Delete a brand with its streams, mentions and replies; the body repeats its name to confirm.', body: BrandDeleteBodySchema, status: 204 },
  'GET /api/platforms': { summary: 'The platforms this install can poll, with their query and credential fields.', responseType: '{ platforms: PlatformDto[] }' },
  'GET /api/alerts': { summary: 'Open alerts, newest first.', responseType: '{ alerts: AlertDto[] }' },
  'GET /api/brands/:id/alert-rules': { summary: "A brand's spike rules.", responseType: '{ rules: AlertRuleDto[] }' },
  'POST /api/brands/:id/alert-rules': { summary: 'Add a spike rule.', body: AlertRuleBodySchema, status: 201, responseType: '{ rule: AlertRuleDto }' },
  'PATCH /api/alert-rules/:id': { summary: 'Change a spike rule.', body: AlertRulePatchSchema, responseType: '{ rule: AlertRuleDto }' },
  'GET /api/brands/:id/alerts': { summary: "A brand's alert history, newest first, filtered and paged.", query: AlertHistoryQuerySchema, responseType: 'AlertHistoryPage' },
  'GET /api/alerts/:id': { summary: 'One alert with its explanation and delivery log.', responseType: '{ alert: AlertDetailDto, deliveries: AlertDeliveryDto[] }' },
  'POST /api/alerts/:id/acknowledge': { summary: 'Acknowledge an alert.', responseType: '{ alert: AlertDetailDto }' },
  'POST /api/alerts/:id/resolve': { summary: 'Resolve an alert.', responseType: '{ alert: AlertDetailDto }' },
  'POST /api/alerts/:id/false-alarm': { summary: 'Mark a spike alert a false alarm (teaches its rule).', responseType: '{ alert: AlertDetailDto, hoursMarked: number[] }' },
  'GET /api/brands/:id/sla-policy': { summary: "A brand's response targets and business hours.", responseType: '{ policy: SlaPolicyDto }' },
  'PUT /api/brands/:id/sla-policy': { summary: "Save a brand's SLA policy; open mentions' deadlines are recomputed.", body: SlaPolicyInputSchema, responseType: '{ policy: SlaPolicyDto, recomputed: number }' },
  'GET /api/agreement': { summary: 'How often agents agree with the model, per brand.', responseType: '{ brands: AgreementDto[] }' },

  'POST /api/reports': { summary: 'Generate (or reuse) a report of a week or a range of days.', body: ReportRequestBodySchema, responseType: '{ snapshot: ReportSnapshotDto }' },
  'GET /api/reports': { summary: "A brand's reports of finished periods.", query: ReportListQuerySchema, responseType: '{ reports: ReportSummaryDto[] }' },
  'GET /api/reports/:id': { summary: 'One stored report.', responseType: '{ snapshot: ReportSnapshotDto }' },
  'GET /api/reports/:id/report.csv': { summary: 'The report as CSV.', mediaType: 'text/csv' },
  'GET /api/reports/:id/report.pdf': { summary: 'The report as PDF.', mediaType: 'application/pdf' },
  'GET /api/reports/:id/mentions.csv': { summary: "Every mention of the report's period as CSV (streamed).", mediaType: 'text/csv' },

  'GET /api/connections': { summary: 'Platform connections: which credential fields are stored (never their values).', responseType: '{ connections: ConnectionDto[] }' },
  'PUT /api/connections/:platform': { summary: "Store a platform's credentials (encrypted).", body: ConnectionBodySchema, responseType: '{ connection: ConnectionDto }' },
  'DELETE /api/connections/:platform': { summary: "Remove a platform's credentials.", status: 204 },

  'GET /api/audit': { summary: 'The audit log, newest first, filtered and paged.', query: AuditQuerySchema, responseType: 'AuditPage' },
  'GET /api/audit.csv': { summary: 'Every audit entry matching the filters, as CSV (streamed).', query: AuditQuerySchema, mediaType: 'text/csv' },

  'GET /api/users': { summary: 'Every user with role, status and brand limit.', responseType: '{ users: TeamUserDto[] }' },
  'PATCH /api/users/:id': { summary: "Change a user's role, or disable / enable them (their sessions end at once).", body: UserPatchBodySchema, responseType: '{ user: TeamUserDto }' },
  'PUT /api/users/:id/brands': { summary: 'Limit a user to some brands; an empty list lifts the limit.', body: BrandLimitBodySchema, responseType: '{ user: TeamUserDto }' },
  'GET /api/invitations': { summary: 'Open invitations.', responseType: '{ invitations: InvitationDto[] }' },
  'POST /api/invitations': { summary: 'Create an invitation link (its token is shown once).', body: InvitationBodySchema, status: 201, responseType: 'CreatedInvitation' },
  'DELETE /api/invitations/:id': { summary: 'Withdraw an open invitation.', status: 204 },
  'POST /api/invitations/preview': { summary: 'What an invitation link is for (its token is the credential).', body: InvitationPreviewBodySchema, responseType: '{ invitation: InvitationDto }' },
  'POST /api/invitations/accept': { summary: 'Join by an invitation link: creates the account and signs in.', body: AcceptInvitationBodySchema, status: 201, responseType: '{ user: UserDto }' },
  'POST /api/password-reset': { summary: 'Email a password reset link. Answers the same whether or not the email has an account.', body: PasswordResetRequestBodySchema, status: 202, response: PasswordResetAnswerSchema },
  'POST /api/password-reset/confirm': { summary: "Set a new password with the emailed link's token; every session of the user ends.", body: PasswordResetConfirmBodySchema, response: PasswordResetAnswerSchema },

  'GET /api/tokens': { summary: 'Your API tokens (sessions only).', responseType: '{ tokens: ApiTokenDto[] }' },
  'POST /api/tokens': { summary: 'Create an API token, optionally limited to some of your brands (shown once; sessions only).', body: ApiTokenBodySchema, status: 201, responseType: '{ apiToken: ApiTokenDto, token: string }' },
  'DELETE /api/tokens/:id': { summary: 'Revoke one of your API tokens.', status: 204 },

  'GET /api/account/totp': { summary: 'Whether your two-factor sign-in is on.', responseType: 'TotpStatus' },
  'POST /api/account/totp': { summary: 'Start setting up two-factor sign-in: a new secret, pending until confirmed.', responseType: 'TotpSetup' },
  'POST /api/account/totp/confirm': { summary: 'Confirm two-factor sign-in with a code.', body: TotpCodeBodySchema, responseType: 'TotpStatus' },
  'POST /api/account/totp/disable': { summary: 'Turn two-factor sign-in off with a code.', body: TotpCodeBodySchema, responseType: 'TotpStatus' },
  'DELETE /api/users/:id/totp': { summary: "Turn off a user's two-factor sign-in (a lost phone).", status: 204 },

  'GET /api/notification-channels': { summary: 'Email and webhook channels for alerts and reports.', responseType: '{ channels: ChannelDto[] }' },
  'POST /api/notification-channels': { summary: 'Add a channel (a webhook signing secret is shown once).', body: NewChannelBodySchema, status: 201, responseType: '{ channel: ChannelDto, signingSecret?: string }' },
  'PATCH /api/notification-channels/:id': { summary: 'Change a channel, or rotate its signing secret.', body: ChannelPatchBodySchema, responseType: '{ channel: ChannelDto, signingSecret?: string }' },
  'DELETE /api/notification-channels/:id': { summary: 'Delete a channel.', status: 204 },
  'POST /api/notification-channels/:id/test': { summary: 'Send a test notification to one channel.', status: 202, responseType: '{ notificationId, deliveryId }' },
  'GET /api/notification-channels/:id/deliveries': { summary: "A channel's recent deliveries.", responseType: '{ deliveries: DeliveryLogDto[] }' },
  'GET /api/notifications/:id/deliveries': { summary: "One notification's delivery to each channel.", responseType: '{ deliveries: DeliveryLogDto[] }' },

  'GET /api/openapi.json': { summary: 'This document.', mediaType: 'application/json' },
  'GET /api/docs': { summary: 'This document as a page to read.', mediaType: 'text/html' },

  // The team inbox: statuses, assignment, counts, presence, notes and notices (only brands you may see).
  'POST /api/mentions/status': { summary: 'Set the status of mentions (pending with a follow-up time); mentions of brands you may not see are left alone.', body: StatusBodySchema, responseType: '{ changed: string[] }' },
  'POST /api/mentions/assign': { summary: 'Assign mentions to a teammate who can reply (or unassign them); only brands both of you may see.', body: AssignBodySchema, responseType: '{ changed: string[] }' },
  'GET /api/inbox/counts': { summary: 'How many open mentions each inbox view holds (capped), counting only brands you may see.', query: InboxCountsQuerySchema, responseType: 'InboxCountsDto' },
  'GET /api/teammates': { summary: 'The teammates mentions can be assigned to.', responseType: '{ teammates: TeammateDto[] }' },
  'PUT /api/mentions/:id/presence': { summary: 'Say you have the mention open (and whether you are typing); answers who else has.', body: PresenceBodySchema, responseType: 'PresenceDto' },
  'DELETE /api/mentions/:id/presence': { summary: 'Say you closed the mention.', responseType: 'PresenceDto' },
  'PUT /api/account/away': { summary: 'Mark yourself away (automatic assignment passes you by) or back.', body: AwayBodySchema, responseType: '{ away: boolean }' },
  'PUT /api/brands/:id/auto-assign': { summary: "Turn a brand's automatic assignment on (with a per-agent cap) or off.", body: AutoAssignBodySchema, responseType: '{ cap: number | null }' },
  'POST /api/mentions/:id/notes': { summary: 'Add an internal note (never published); @name tells a teammate.', body: NoteBodySchema, status: 201, responseType: '{ note: NoteDto }' },
  'GET /api/notices': { summary: 'Your newest in-app notices and how many are unread (only of brands you may see).', responseType: 'NoticesDto' },
  'POST /api/notices/read': { summary: 'Mark all your notices read.', status: 204 },

  // Incidents: spikes grouped with their mentions (only brands you may see).
  'GET /api/incidents': { summary: 'Open incidents, newest first.', query: IncidentListQuerySchema, responseType: '{ incidents: IncidentSummaryDto[] }' },
  'GET /api/incidents/:id': { summary: 'One incident with its mentions and reply progress.', responseType: 'IncidentDetail' },
  'POST /api/incidents/:id/holding-reply': { summary: "Queue one holding reply to each of the incident's unanswered mentions.", body: HoldingReplyBodySchema, status: 202, responseType: '{ queued: number, progress }' },
  'PUT /api/incidents/:id/deadlines': { summary: "Tighten the brand's reply deadlines while the incident lasts, or put them back.", body: IncidentDeadlinesBodySchema, responseType: '{ incident: IncidentDto, recomputed: number }' },

  // Finding in the inbox: tags, saved views, author context, pre-send checks.
  'GET /api/tags': { summary: 'Every tag, by name.', responseType: '{ tags: TagDto[] }' },
  'POST /api/tags': { summary: 'Create a tag (or get the one of that name).', body: TagBodySchema, responseType: '{ tag: TagDto }' },
  'POST /api/mentions/tags': { summary: 'Put a tag on mentions (only brands you may see).', body: BulkTagBodySchema, responseType: 'BulkTagResult' },
  'DELETE /api/mentions/:id/tags/:tagId': { summary: 'Take a tag off a mention.', status: 204 },
  'GET /api/saved-views': { summary: 'Your saved inbox views.', responseType: '{ views: SavedViewDto[] }' },
  'POST /api/saved-views': { summary: 'Save an inbox view (its search) under a name.', body: SavedViewBodySchema, status: 201, responseType: '{ view: SavedViewDto }' },
  'DELETE /api/saved-views/:id': { summary: 'Delete one of your saved views.', status: 204 },
  'GET /api/mentions/:id/author': { summary: "The mention's author's history with its brand on that platform.", responseType: 'AuthorContextDto' },
  'POST /api/replies/check': { summary: 'The pre-send checks of a reply text for a mention (nothing is sent).', body: ReplyCheckBodySchema, responseType: 'ReplyCheckResult' },

  // Saved replies, inserted from the reply box with "/"; {{author}}, {{brand}} and {{agent}} are filled in there.
  'GET /api/saved-replies': { summary: "Saved replies you may use (with a mention: those for its brand, and what each variable becomes).", query: SavedRepliesQuerySchema, responseType: 'SavedRepliesAnswer' },
  'POST /api/saved-replies': { summary: 'Save a reply for every brand or one (unknown variables are refused).', body: SavedReplyBodySchema, status: 201, responseType: '{ savedReply: SavedReplyDto }' },
  'PUT /api/saved-replies/:id': { summary: "Change a saved reply's brand, title and text.", body: SavedReplyBodySchema, responseType: '{ savedReply: SavedReplyDto }' },
  'DELETE /api/saved-replies/:id': { summary: 'Delete a saved reply.', status: 204 },

  'GET /healthz': { summary: 'Liveness: the process answers.', responseType: '{ status }' },
  'GET /readyz': { summary: 'Readiness: PostgreSQL and Redis answer (503 when not).', responseType: 'ReadinessDto' },
  'GET /*': { summary: "The dashboard's files; unknown paths get its shell.", mediaType: 'text/html' },
};
