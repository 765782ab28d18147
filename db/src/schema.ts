import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { BusinessHours, Priority, SlaTargets } from '@earshot/policy';
import type { IncidentMentionsTable, IncidentsTable } from './incidents/incident.table.ts';

// Table types, kept in step with migrations/ by hand. Timestamps read as Date and accept
// Date or ISO string on write.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Intent = 'complaint' | 'question' | 'praise' | 'other' | 'spam';
export type { Priority, SlaTargets, BusinessHours } from '@earshot/policy';
/** open and pending wait for the team (pending: for the customer, until `follow_up_at`); the rest are done. */
export type MentionStatus = 'open' | 'pending' | 'answered' | 'closed' | 'ignored';
export type ReplyState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';
/** Least to most: viewer reads, agent works the inbox, manager configures, admin runs the install. */
export type UserRole = 'viewer' | 'agent' | 'manager' | 'admin';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  created_at: CreatedAt;
  /** Set when an admin disabled the user: no sign-in, no session. */
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The TOTP secret, sealed with EARSHOT_SECRET; set once the user confirmed a code. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** A secret being set up, until its first code is confirmed. */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The newest TOTP time step accepted: a code is good once. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  /** Away: skipped by automatic assignment. */
  away: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A bearer token for integrations; acts as its user with the narrower of its role and theirs. */
export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  role: UserRole;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A link an admin sent: whoever holds the token may create the account, once, before expiry. */
export interface InvitationsTable {
  id: Generated<string>;
  /** SHA-256 of the link's token; the token itself is shown once and never stored. */
  token_hash: string;
  email: string;
  role: UserRole;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A "forgot password" request; the worker sets token_hash when it mails the link. */
export interface PasswordResetsTable {
  id: Generated<string>;
  user_id: string;
  /** SHA-256 of the mailed link's token; null until the worker made it. */
  token_hash: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A user limited to some brands has one row per brand; none means every brand. */
export interface UserBrandsTable {
  user_id: string;
  brand_id: string;
}

/** An API token limited to some brands (and, on use, to its user's brands as well). */
export interface ApiTokenBrandsTable {
  token_id: string;
  brand_id: string;
}

export interface BrandsTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
  /** Automatic assignment: null off, else the most open mentions one agent is given. */
  auto_assign_cap: ColumnType<number | null, number | null | undefined, number | null>;
}


export interface SlaPoliciesTable {
  brand_id: string;
  time_zone: ColumnType<string, string | undefined, string>;
  targets_minutes: Json<SlaTargets>;
  business_hours: Json<BusinessHours | null> | null;
  /** ISO dates (YYYY-MM-DD) in the policy's time zone. */
  holidays: ColumnType<string[], string | undefined, string>;
  /** Minutes before a deadline that an open mention counts as about to breach (SLA alerts); default 15. */
  alert_lead_minutes: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StreamsTable {
  id: Generated<string>;
  brand_id: string;
  platform: string;
  name: string;
  query: Json<unknown>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  poll_interval_ms: ColumnType<number, number | undefined, number>;
  cursor: string | null;
  poll_lease_until: Timestamp | null;
  last_poll_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_error: string | null;
  last_error_at: Timestamp | null;
  failing_since: Timestamp | null;
  rate_limited_until: Timestamp | null;
  fetched_day: ColumnType<Date | null, string | null | undefined, string | null>;
  fetched_today: ColumnType<number, number | undefined, number>;
  read_budget_monthly: number | null;
  budget_month: string | null;
  reads_this_month: ColumnType<number, number | undefined, number>;
  /** What a successful poll had to say (e.g. posts the platform no longer serves were missed), and when. */
  last_notice: string | null;
  last_notice_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CollectedPagesTable {
  id: Generated<string>;
  brand_id: string;
  stream_id: string | null;
  platform: string;
  mentions: Json<unknown>;
  created_at: CreatedAt;
  enqueued_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MentionsTable {
  id: Generated<string>;
  brand_id: string;
  stream_id: string | null;
  platform: string;
  external_id: string;
  url: string | null;
  text: string;
  lang: string | null;
  author_external_id: string | null;
  author_handle: string;
  author_name: string | null;
  author_followers: number | null;
  author_verified: ColumnType<boolean, boolean | undefined, boolean>;
  context_external_id: string | null;
  context_author_handle: string | null;
  context_text: string | null;
  posted_at: Timestamp;
  collected_at: CreatedAt;
  sentiment: Sentiment;
  sentiment_score: number;
  confidence: number;
  intent: Intent;
  topic: string | null;
  is_spam: ColumnType<boolean, boolean | undefined, boolean>;
  priority: Priority;
  priority_reason: string;
  sla_due_at: Timestamp;
  status: ColumnType<MentionStatus, MentionStatus | undefined, MentionStatus>;
  answered_at: Timestamp | null;
  /** Earliest reply in state 'sent' and its sender; kept by a trigger on replies (reports migration). */
  first_response_at: ColumnType<Date | null, never, never>;
  first_responder_id: ColumnType<string | null, never, never>;
  /** Who works on it (team inbox migration); null: unassigned. */
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Pending only: when the worker reopens it. */
  follow_up_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** An in-app notice for one user, e.g. a follow-up time came on a mention assigned to them. */
export interface UserNoticesTable {
  id: Generated<string>;
  user_id: string;
  kind: 'follow_up' | 'note_mention';
  mention_id: string | null;
  text: string;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

/** An internal note on a mention: for the team, never published. */
export interface MentionNotesTable {
  id: Generated<string>;
  mention_id: string;
  user_id: string | null;
  text: string;
  /** Teammates @-mentioned in it (each was sent a notice). */
  mentioned_user_ids: ColumnType<string[], string[] | undefined, never>;
  created_at: CreatedAt;
}

/** Every status change of a mention: who (null: the system) and when. */
export interface MentionStatusChangesTable {
  id: ColumnType<number, never, never>;
  mention_id: string;
  brand_id: string;
  from_status: MentionStatus;
  to_status: MentionStatus;
  user_id: string | null;
  follow_up_at: ColumnType<Date | null, Date | string | null | undefined, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RepliesTable {
  id: Generated<string>;
  mention_id: string;
  user_id: string | null;
  text: string;
  idempotency_key: string;
  state: ColumnType<ReplyState, ReplyState | undefined, ReplyState>;
  attempts: ColumnType<number, number | undefined, number>;
  external_id: string | null;
  url: string | null;
  error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: Timestamp | null;
}

/**
 * Mentions counted per brand, stream, platform and bucket, by sentiment and by intent
 * (`rollup_minutes`: the UTC minute a mention was posted in; `rollup_hours`: the UTC hour).
 * Kept by the analyze and correction transactions; equal at every commit to a recount of
 * `mentions` (`rebuildBrandRollups`). Days are derived from hours at query time, in the
 * reader's time zone.
 */
export interface RollupCounts {
  total: number;
  negative: number;
  neutral: number;
  positive: number;
  complaint: number;
  question: number;
  praise: number;
  other: number;
  spam: number;
}

export interface RollupTable extends RollupCounts {
  brand_id: string;
  stream_id: string | null;
  platform: string;
  /** Start of the UTC minute or hour. */
  bucket: Timestamp;
}

export interface DemoPostsTable {
  id: Generated<number>;
  in_reply_to: string;
  text: string;
  author_handle: string;
  created_at: CreatedAt;
}

export interface PlatformConnectionsTable {
  platform: string;
  sealed_credentials: string;
  fields: Json<string[]>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AlertsTable {
  id: Generated<string>;
  kind: string;
  brand_id: string | null;
  stream_id: string | null;
  message: string;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  /** Spike alerts: the rule that raised it (null for other kinds). */
  rule_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Derived from resolved_at by the database (a generated column). */
  status: ColumnType<AlertStatus, never, never>;
  /** Spike alerts: when the storm started, its busiest minute and its mentions so far. */
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  peak: ColumnType<number | null, number | null | undefined, number | null>;
  total: ColumnType<number | null, number | null | undefined, number | null>;
  /** Spike alerts: the explanation (SpikeAlertDetails in worker/src/spikes); SLA alerts: the counts (SlaAlertDetails). */
  details: ColumnType<unknown, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Someone is on it: who and when (null: nobody yet). */
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** What a person decided: resolved, or a false alarm (which makes the rule less sensitive). */
  outcome: ColumnType<AlertOutcome | null, AlertOutcome | null | undefined, AlertOutcome | null>;
  handled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  handled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export type AlertStatus = 'open' | 'closed';
export type AlertOutcome = 'resolved' | 'false_alarm';

/** A rule's hours of the week (0 = Sunday 00:00 UTC … 167) marked false alarm: last time and how often. */
export type FalseAlarmHours = Record<string, { at: string; n: number }>;

/** A brand's spike rule; `rule` is validated by AlertRuleSchema (worker/src/spikes/rule.ts). */
export interface AlertRulesTable {
  id: Generated<string>;
  brand_id: string;
  name: string;
  rule: Json<unknown>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Hours of the week its alerts were marked false alarm in; the live tick is stricter there. */
  false_alarm_hours: ColumnType<FalseAlarmHours, string | undefined, string>;
}

/** The spike detector's memory per rule between ticks (BrandSpikeState as JSON). */
export interface AlertRuleStatesTable {
  rule_id: string;
  state: Json<unknown>;
  last_minute: ColumnType<Date, Date | string, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB {
  users: UsersTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  brands: BrandsTable;
  user_brands: UserBrandsTable;
  api_token_brands: ApiTokenBrandsTable;
  password_resets: PasswordResetsTable;
  sla_policies: SlaPoliciesTable;
  streams: StreamsTable;
  collected_pages: CollectedPagesTable;
  mentions: MentionsTable;
  mention_status_changes: MentionStatusChangesTable;
  user_notices: UserNoticesTable;
  mention_notes: MentionNotesTable;
  replies: RepliesTable;
  rollup_minutes: RollupTable;
  rollup_hours: RollupTable;
  demo_posts: DemoPostsTable;
  platform_connections: PlatformConnectionsTable;
  alerts: AlertsTable;
  corrections: CorrectionsTable;
  brand_models: BrandModelsTable;
  audit_log: AuditLogTable;
  alert_rules: AlertRulesTable;
  alert_rule_states: AlertRuleStatesTable;
  reports: ReportsTable;
  notification_channels: NotificationChannelsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  incidents: IncidentsTable;
  incident_mentions: IncidentMentionsTable;
  tags: TagsTable;
  mention_tags: MentionTagsTable;
  saved_views: SavedViewsTable;
  saved_replies: SavedRepliesTable;
}

export type User = Selectable<UsersTable>;
export type Invitation = Selectable<InvitationsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type Brand = Selectable<BrandsTable>;
export type SlaPolicy = Selectable<SlaPoliciesTable>;
export type Stream = Selectable<StreamsTable>;
export type CollectedPage = Selectable<CollectedPagesTable>;
export type Mention = Selectable<MentionsTable>;
export type NewMention = Insertable<MentionsTable>;
export type MentionUpdate = Updateable<MentionsTable>;
export type Reply = Selectable<RepliesTable>;
export type PlatformConnection = Selectable<PlatformConnectionsTable>;
export type Alert = Selectable<AlertsTable>;
export type AlertRule = Selectable<AlertRulesTable>;

/** A classification an agent may overrule. */
export type CorrectionField = 'sentiment' | 'intent' | 'priority';

/** An agent's overrule of the model. Values are text: a sentiment, an intent, or "1"…"4". */
export interface CorrectionsTable {
  id: Generated<string>;
  mention_id: string;
  brand_id: string;
  user_id: string | null;
  field: CorrectionField;
  /** What the model said before any agent changed this field of this mention. */
  model_value: string;
  corrected_value: string;
  created_at: CreatedAt;
}

export type Correction = Selectable<CorrectionsTable>;
export type NewCorrection = Insertable<CorrectionsTable>;

/** How a brand model did on the brand's reviewed mentions it was not trained on (k-fold over them). */
export interface BrandModelEvaluation {
  /** Reviewed mentions (corrected or confirmed) scored, each by a model trained on the other folds; 0 when too few. */
  scored: number;
  /** Share of them on which the shared model agreed with the agents, and the brand model. */
  baseAgreement: number | null;
  brandAgreement: number | null;
  /** Of the brand's recent uncorrected mentions, the share whose sentiment the brand model changes. */
  changedShare: number | null;
  /** False when it did worse than the shared model (or had no labels): then it is stored empty and changes nothing. */
  kept: boolean;
}

/** A brand's learnt adjustment of the shared sentiment model (worker/src/brand-models). */
export interface BrandModelsTable {
  brand_id: string;
  /** Fingerprint of the shared model the overlay was trained on. */
  base_model: string;
  overlay: Json<unknown>;
  /** Human labels learnt from (corrected sentiments, and complaint/praise intents). */
  labels: number;
  /** Answered, uncorrected mentions used as anchors. */
  confirmations: number;
  evaluation: Json<BrandModelEvaluation>;
  /** The newest correction learnt from. */
  labels_until: Timestamp | null;
  trained_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type BrandModel = Selectable<BrandModelsTable>;

/**
 * What the audit log records. Free text in the table (old entries keep their names); the
 * union keeps writers and the dashboard's filter honest.
 */
export const AUDIT_ACTIONS = [
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out_everywhere',
  'reply.sent',
  'mention.corrected',
  'brand.created',
  'brand.deleted',
  'stream.created',
  'stream.updated',
  'stream.deleted',
  'sla_policy.saved',
  'credentials.saved',
  'credentials.removed',
  'user.invited',
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_set',
  'user.brands_changed',
  'user.password_reset_requested',
  'user.password_reset',
  'invitation.accepted',
  'invitation.revoked',
  'api_token.created',
  'api_token.revoked',
  'totp.enabled',
  'totp.disabled',
  'notification_channel.created',
  'notification_channel.updated',
  'notification_channel.deleted',
  'alert_rule.created',
  'alert_rule.updated',
  'alert.acknowledged',
  'alert.resolved',
  'alert.false_alarm',
  'incident.holding_reply_sent',
  'incident.deadlines_changed',
  'mention.status_changed',
  'mention.assigned',
  'brand.auto_assign_changed',
  'mentions.pruned',
  'saved_reply.created',
  'saved_reply.updated',
  'saved_reply.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One thing someone did. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditLogTable {
  id: ColumnType<number, never, never>;
  at: ColumnType<Date, Date | string | undefined, never>;
  /** Null for failed sign-ins and the CLI. */
  actor_id: string | null;
  /** Who, readable even after the user is gone: an email, or "cli". */
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  brand_id: string | null;
  /** Never a credential value; a reply's text for replies. */
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  client_address: string | null;
}

export type AuditEntry = Selectable<AuditLogTable>;
/** A stored report (worker/src/reports): the JSON as generated, so it reads the same later. */
export interface ReportsTable {
  id: Generated<string>;
  brand_id: string;
  /** "2026-W43" or "2026-10-01..2026-10-31". */
  period_label: string;
  period_start: Timestamp;
  period_end: Timestamp;
  /** Replies sent after this instant were not counted. */
  as_of: Timestamp;
  generated_at: ColumnType<Date, Date | string | undefined, never>;
  report: Json<unknown>;
}

export type ReportSnapshot = Selectable<ReportsTable>;
export type NotificationChannelKind = 'email' | 'webhook';
export type NotificationSeverity = 'low' | 'high';
export type DeliveryState = 'pending' | 'sending' | 'held' | 'delivered' | 'failed';

/** Where notifications go (worker/src/delivery). `config` is validated by NotificationChannelConfigSchema. */
export interface NotificationChannelsTable {
  id: Generated<string>;
  /** Null: every brand. */
  brand_id: string | null;
  kind: NotificationChannelKind;
  name: string;
  config: Json<unknown>;
  /** Webhook signing secret, `v1.…` sealed with EARSHOT_SECRET or `plain.…` (see webhook-secret.ts). */
  signing_secret: string | null;
  min_severity: ColumnType<NotificationSeverity, NotificationSeverity | undefined, NotificationSeverity>;
  quiet_hours: Json<unknown> | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The outbox of things to tell the team: a spike, an SLA breach, a weekly report. */
export interface NotificationsTable {
  id: Generated<string>;
  brand_id: string | null;
  kind: string;
  /** The alert, incident or report it is about. */
  source_id: string | null;
  severity: NotificationSeverity;
  title: string;
  text: string;
  details: Json<unknown>;
  /** Dashboard path, e.g. `/inbox?incident=…`; made absolute with the public URL when known. */
  link_path: string | null;
  /** Validated by NotificationAttachmentSchema. */
  attachment: Json<unknown> | null;
  created_at: CreatedAt;
}

/** One notification to one channel: the lock that keeps it from being sent twice, and its log. */
export interface NotificationDeliveriesTable {
  id: Generated<string>;
  notification_id: string;
  channel_id: string;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  response_status: number | null;
  release_at: Timestamp | null;
  digest_id: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  delivered_at: Timestamp | null;
}

export type NotificationChannelRow = Selectable<NotificationChannelsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationDelivery = Selectable<NotificationDeliveriesTable>;

/** A label agents put on mentions ("refund", "vip"); the name is unique ignoring case. */
export interface TagsTable {
  id: Generated<string>;
  name: string;
  color: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MentionTagsTable {
  mention_id: string;
  tag_id: string;
  tagged_by: string | null;
  tagged_at: CreatedAt;
}

/** A user's named inbox view: the inbox URL's search ("?status=open&tag=…"). */
export interface SavedViewsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  search: string;
  created_at: CreatedAt;
}

export type Tag = Selectable<TagsTable>;
export type SavedView = Selectable<SavedViewsTable>;

/** A text agents insert from the reply box with "/"; brand_id null means every brand. */
export interface SavedRepliesTable {
  id: Generated<string>;
  brand_id: string | null;
  title: string;
  /** May hold {{author}}, {{brand}} and {{agent}} (web/src/api/saved-reply-variables.ts). */
  body: string;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type SavedReply = Selectable<SavedRepliesTable>;
