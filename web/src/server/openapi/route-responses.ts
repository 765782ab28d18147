import { z } from 'zod';
import {
  AgreementDtoSchema,
  AlertDeliveryDtoSchema,
  AlertDetailDtoSchema,
  AlertDtoSchema,
  AlertHistoryPageSchema,
  AlertRuleDtoSchema,
  ApiTokenDtoSchema,
  AuditPageSchema,
  AuthorContextDtoSchema,
  BrandDtoSchema,
  BulkTagResultSchema,
  ChannelDtoSchema,
  ConnectionDtoSchema,
  CreatedInvitationSchema,
  DeliveryLogDtoSchema,
  InboxCountsDtoSchema,
  InboxPageSchema,
  IncidentDetailSchema,
  IncidentDtoSchema,
  IncidentProgressDtoSchema,
  IncidentSummaryDtoSchema,
  InvitationDtoSchema,
  MentionDetailSchema,
  MentionDtoSchema,
  NoteDtoSchema,
  NoticesDtoSchema,
  PlatformDtoSchema,
  ReadinessDtoSchema,
  ReplyCheckResultSchema,
  ReplyDtoSchema,
  SavedViewDtoSchema,
  SavedRepliesAnswerSchema,
  StreamDeletionDtoSchema,
  BrandDeletionDtoSchema,
  SavedReplyDtoSchema,
  SlaPolicyDtoSchema,
  StreamDtoSchema,
  TagDtoSchema,
  TeammateDtoSchema,
  TeamUserDtoSchema,
  TotpSetupSchema,
  TotpStatusSchema,
  UserDtoSchema,
  PresenceDtoSchema,
} from '../../api/response-schemas.ts';
import { ReportSnapshotDtoSchema, ReportSummaryDtoSchema } from '../../api/report-schemas.ts';
import type { RouteKey } from '../access.ts';

/**
 * The success answer of every JSON route, as a zod schema (web/src/api/response-schemas.ts):
 * build-openapi.ts documents it, over route-docs.ts's `responseType` name. Files, the event
 * stream and 204s have none (route-docs.ts gives their media type or status);
 * tests/pipeline/openapi-responses.test.ts calls the routes and checks their answers against
 * the document, and fails for a JSON route missing here.
 */
export const ROUTE_RESPONSES: Partial<Record<RouteKey, z.ZodType>> = {
  'POST /api/session': z.object({ user: UserDtoSchema }),
  'GET /api/session': z.object({ user: UserDtoSchema }),

  'GET /api/mentions': InboxPageSchema,
  'GET /api/mentions/:id': MentionDetailSchema,
  'POST /api/mentions/:id/replies': z.object({ reply: ReplyDtoSchema }),
  'POST /api/mentions/:id/corrections': z.object({ mention: MentionDtoSchema }),

  'GET /api/brands': z.object({ brands: z.array(BrandDtoSchema) }),
  'POST /api/brands': z.object({ brand: BrandDtoSchema }),
  'GET /api/streams': z.object({ streams: z.array(StreamDtoSchema) }),
  'POST /api/streams': z.object({ stream: StreamDtoSchema, warning: z.string().optional() }),
  'GET /api/streams/:id/deletion': StreamDeletionDtoSchema,
  'GET /api/brands/:id/deletion': BrandDeletionDtoSchema,
  'PATCH /api/streams/:id': z.object({ stream: StreamDtoSchema }),
  'GET /api/platforms': z.object({ platforms: z.array(PlatformDtoSchema) }),

  'GET /api/alerts': z.object({ alerts: z.array(AlertDtoSchema) }),
  'GET /api/brands/:id/alert-rules': z.object({ rules: z.array(AlertRuleDtoSchema) }),
  'POST /api/brands/:id/alert-rules': z.object({ rule: AlertRuleDtoSchema }),
  'PATCH /api/alert-rules/:id': z.object({ rule: AlertRuleDtoSchema }),
  'GET /api/brands/:id/alerts': AlertHistoryPageSchema,
  'GET /api/alerts/:id': z.object({ alert: AlertDetailDtoSchema, deliveries: z.array(AlertDeliveryDtoSchema) }),
  'POST /api/alerts/:id/acknowledge': z.object({ alert: AlertDetailDtoSchema }),
  'POST /api/alerts/:id/resolve': z.object({ alert: AlertDetailDtoSchema }),
  'POST /api/alerts/:id/false-alarm': z.object({
    alert: AlertDetailDtoSchema,
    hoursMarked: z.array(z.number().int()).describe('Hours of the week (0 = Sunday 00:00 UTC) the alert spanned, now marked on its rule.'),
  }),
  'GET /api/brands/:id/sla-policy': z.object({ policy: SlaPolicyDtoSchema }),
  'PUT /api/brands/:id/sla-policy': z.object({ policy: SlaPolicyDtoSchema, recomputed: z.number().int().describe("Open mentions whose deadline was recomputed.") }),
  'GET /api/agreement': z.object({ brands: z.array(AgreementDtoSchema) }),

  'POST /api/reports': z.object({ snapshot: ReportSnapshotDtoSchema }),
  'GET /api/reports': z.object({ reports: z.array(ReportSummaryDtoSchema) }),
  'GET /api/reports/:id': z.object({ snapshot: ReportSnapshotDtoSchema }),

  'GET /api/connections': z.object({ connections: z.array(ConnectionDtoSchema) }),
  'PUT /api/connections/:platform': z.object({ connection: ConnectionDtoSchema }),

  'GET /api/audit': AuditPageSchema,

  'GET /api/users': z.object({ users: z.array(TeamUserDtoSchema) }),
  'PATCH /api/users/:id': z.object({ user: TeamUserDtoSchema }),
  'PUT /api/users/:id/brands': z.object({ user: TeamUserDtoSchema }),
  'GET /api/invitations': z.object({ invitations: z.array(InvitationDtoSchema) }),
  'POST /api/invitations': CreatedInvitationSchema,
  'POST /api/invitations/preview': z.object({ invitation: InvitationDtoSchema }),
  'POST /api/invitations/accept': z.object({ user: UserDtoSchema }),

  'GET /api/tokens': z.object({ tokens: z.array(ApiTokenDtoSchema) }),
  'POST /api/tokens': z.object({ apiToken: ApiTokenDtoSchema, token: z.string().describe('Shown once: only its hash is stored.') }),

  'GET /api/account/totp': TotpStatusSchema,
  'POST /api/account/totp': TotpSetupSchema,
  'POST /api/account/totp/confirm': TotpStatusSchema,
  'POST /api/account/totp/disable': TotpStatusSchema,

  'GET /api/notification-channels': z.object({ channels: z.array(ChannelDtoSchema) }),
  'POST /api/notification-channels': z.object({ channel: ChannelDtoSchema, signingSecret: z.string().optional().describe("A webhook's signing secret, shown once.") }),
  'PATCH /api/notification-channels/:id': z.object({ channel: ChannelDtoSchema, signingSecret: z.string().optional().describe('The new signing secret when rotated, shown once.') }),
  'POST /api/notification-channels/:id/test': z.object({ notificationId: z.uuid(), deliveryId: z.uuid().nullable() }),
  'GET /api/notification-channels/:id/deliveries': z.object({ deliveries: z.array(DeliveryLogDtoSchema) }),
  'GET /api/notifications/:id/deliveries': z.object({ deliveries: z.array(DeliveryLogDtoSchema) }),

  'POST /api/mentions/status': z.object({ changed: z.array(z.uuid()).describe('The mentions whose status changed.') }),
  'POST /api/mentions/assign': z.object({ changed: z.array(z.uuid()).describe('The mentions whose assignee changed.') }),
  'GET /api/inbox/counts': InboxCountsDtoSchema,
  'GET /api/teammates': z.object({ teammates: z.array(TeammateDtoSchema) }),
  'PUT /api/mentions/:id/presence': PresenceDtoSchema,
  'DELETE /api/mentions/:id/presence': PresenceDtoSchema,
  'PUT /api/account/away': z.object({ away: z.boolean() }),
  'PUT /api/brands/:id/auto-assign': z.object({ cap: z.number().int().nullable().describe('null: automatic assignment is off.') }),
  'POST /api/mentions/:id/notes': z.object({ note: NoteDtoSchema }),
  'GET /api/notices': NoticesDtoSchema,

  'GET /api/incidents': z.object({ incidents: z.array(IncidentSummaryDtoSchema) }),
  'GET /api/incidents/:id': IncidentDetailSchema,
  'POST /api/incidents/:id/holding-reply': z.object({ queued: z.number().int(), progress: IncidentProgressDtoSchema }),
  'PUT /api/incidents/:id/deadlines': z.object({ incident: IncidentDtoSchema, recomputed: z.number().int() }),

  'GET /api/tags': z.object({ tags: z.array(TagDtoSchema) }),
  'POST /api/tags': z.object({ tag: TagDtoSchema }),
  'POST /api/mentions/tags': BulkTagResultSchema,
  'GET /api/saved-replies': SavedRepliesAnswerSchema,
  'POST /api/saved-replies': z.object({ savedReply: SavedReplyDtoSchema }),
  'PUT /api/saved-replies/:id': z.object({ savedReply: SavedReplyDtoSchema }),
  'GET /api/saved-views': z.object({ views: z.array(SavedViewDtoSchema) }),
  'POST /api/saved-views': z.object({ view: SavedViewDtoSchema }),
  'GET /api/mentions/:id/author': AuthorContextDtoSchema,
  'POST /api/replies/check': ReplyCheckResultSchema,

  'GET /healthz': z.object({ status: z.literal('alive') }),
  'GET /readyz': ReadinessDtoSchema,
};
