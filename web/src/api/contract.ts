import { z } from 'zod';
import { visibleText } from './text-rules.ts';

// The HTTP API's shapes, shared by the server (which validates with them) and the
// dashboard (which imports the types). Everything under /api needs a session except
// POST /api/session.
//
//   POST   /api/session                 SignInBody → { user: UserDto }   sets the session cookie
//   GET    /api/session                 → { user: UserDto }              401 when signed out
//   DELETE /api/session                 → 204
//   GET    /api/mentions?{InboxQuery}   → InboxPage                      keyset paginated
//   GET    /api/mentions/:id            → MentionDetail
//   POST   /api/mentions/:id/replies    SendReplyBody → 202 { reply: ReplyDto }
//   GET    /api/brands                  → { brands: BrandDto[] }
//   GET    /api/streams                 → { streams: StreamDto[] }
//   GET    /api/events                  text/event-stream of LiveEvent (event name = type)
//   POST   /api/mentions/:id/corrections CorrectionBody → { mention: MentionDto }
//   GET    /api/platforms               → { platforms: PlatformDto[] }  what can be connected / streamed
//   POST   /api/brands                  BrandBody → 201 { brand }                       (admin)
//   POST   /api/streams                 NewStreamBody → 201 { stream: StreamDto }       (admin)
//   PATCH  /api/streams/:id             StreamPatchBody → { stream: StreamDto }          (admin)
//   GET    /api/connections             → { connections: ConnectionDto[] }              (admin)
//   PUT    /api/connections/:platform   ConnectionBody → { connection: ConnectionDto }  (admin)
//   DELETE /api/connections/:platform   → 204                                           (admin)
//   GET    /api/alerts                  → { alerts: AlertDto[] }   open in-app alerts
//   GET    /api/brands/:id/sla-policy   → { policy: SlaPolicyDto }
//   PUT    /api/brands/:id/sla-policy   SlaPolicyBody → { policy, recomputed: number }   (admin)
//   GET    /api/agreement               → { brands: AgreementDto[] }  model vs. agents, and each brand model, per brand
//
// Credentials are write-only: no response ever contains a credential value.
//
// Errors: { error: { code, message } } with the status from AppError's code.

export const SignInBodySchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});
export type SignInBody = z.infer<typeof SignInBodySchema>;

export const InboxQuerySchema = z.object({
  status: z.enum(['open', 'answered', 'all']).default('open'),
  brandId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const SendReplyBodySchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'Write a reply first.')
    .max(10_000)
    .refine((t) => visibleText(t).length > 0, 'The reply has no visible characters: write a reply first.'),
  /** Chosen by the client per compose; a resend with the same key returns the same reply. */
  idempotencyKey: z.string().min(8).max(100),
});
export type SendReplyBody = z.infer<typeof SendReplyBodySchema>;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: 'viewer' | 'agent' | 'manager' | 'admin';
}

export interface MentionDto {
  id: string;
  brandId: string;
  platform: string;
  externalId: string;
  url: string | null;
  text: string;
  author: { handle: string; name: string | null; followers: number | null; verified: boolean };
  context: { externalId: string; authorHandle: string | null; text: string | null } | null;
  postedAt: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  sentimentScore: number;
  confidence: number;
  intent: string;
  topic: string | null;
  isSpam: boolean;
  priority: 1 | 2 | 3 | 4;
  priorityReason: string;
  slaDueAt: string;
  status: 'open' | 'answered' | 'closed';
  answeredAt: string | null;
}

export interface ReplyDto {
  id: string;
  mentionId: string;
  text: string;
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';
  url: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  userName: string | null;
}

export interface InboxPage {
  items: MentionDto[];
  nextCursor: string | null;
}

export interface MentionDetail {
  mention: MentionDto;
  replies: ReplyDto[];
}

export interface BrandDto {
  id: string;
  name: string;
}

export interface StreamDto {
  id: string;
  brandId: string;
  platform: string;
  name: string;
  enabled: boolean;
  query: unknown;
  pollIntervalMs: number;
  health: {
    /** One word for a badge: ok, failing, rate-limited, budget-exhausted, disabled, pending. */
    state: 'ok' | 'failing' | 'rate-limited' | 'budget-exhausted' | 'disabled' | 'pending';
    failingSince: string | null;
    lastPollAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    /** What a successful poll had to say, e.g. posts that could no longer be read, and when. */
    notice: string | null;
    noticeAt: string | null;
    rateLimitedUntil: string | null;
    fetchedToday: number;
    readsThisMonth: number;
    readBudgetMonthly: number | null;
  };
}

export type LiveEvent =
  | { type: 'mentions.created'; brandId: string; ids: string[] }
  | { type: 'mention.updated'; brandId: string; id: string }
  | { type: 'alerts.changed' };

export interface ErrorBody {
  error: { code: string; message: string };
}

export const CorrectionBodySchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('sentiment'), value: z.enum(['negative', 'neutral', 'positive']) }),
  z.object({ field: z.literal('intent'), value: z.enum(['complaint', 'question', 'praise', 'other', 'spam']) }),
  z.object({ field: z.literal('priority'), value: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }),
]);
export type CorrectionBody = z.infer<typeof CorrectionBodySchema>;

export const BrandBodySchema = z.object({ name: z.string().trim().min(1).max(100) });

export const NewStreamBodySchema = z.object({
  brandId: z.uuid(),
  platform: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  /** Platform-specific; validated by that platform's rules (see PlatformDto.queryExample). */
  query: z.unknown(),
  pollIntervalMs: z.number().int().min(5_000).max(86_400_000).optional(),
  readBudgetMonthly: z.number().int().min(0).max(100_000_000).nullable().optional(),
});
export type NewStreamBody = z.infer<typeof NewStreamBodySchema>;

export const StreamPatchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean(),
    query: z.unknown(),
    pollIntervalMs: z.number().int().min(5_000).max(86_400_000),
    readBudgetMonthly: z.number().int().min(0).max(100_000_000).nullable(),
  })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'Nothing to change: send at least one of name, enabled, query, pollIntervalMs, readBudgetMonthly.');
export type StreamPatchBody = z.infer<typeof StreamPatchBodySchema>;

export const ConnectionBodySchema = z.object({
  /** Field names per PlatformDto.credentialFields. */
  credentials: z.record(z.string(), z.string().max(4_000)),
});
export type ConnectionBody = z.infer<typeof ConnectionBodySchema>;

export interface PlatformDto {
  platform: string;
  label: string;
  /** False for the demo platform, which needs none. */
  needsCredentials: boolean;
  credentialFields: { name: string; label: string; secret: boolean; optional: boolean }[];
  /** A valid query for a new stream, as a starting point. */
  queryExample: unknown;
  replyLimit: number;
}

export interface ConnectionDto {
  platform: string;
  configured: boolean;
  /** Names of the fields stored, never their values. */
  fields: string[];
  updatedAt: string | null;
}

export interface AlertDto {
  id: string;
  kind: string;
  streamId: string | null;
  brandId: string | null;
  message: string;
  createdAt: string;
}

export interface SlaPolicyDto {
  brandId: string;
  timeZone: string;
  targetsMinutes: { P1: number; P2: number; P3: number; P4: number };
  /** null = around the clock; else ISO weekday "1" (Mon) … "7" → { open: "HH:MM", close: "HH:MM" }. */
  businessHours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { open: string; close: string }>> | null;
  holidays: string[];
}

/** What an admin sends to change a brand's policy; the server validates it in full. */
export type SlaPolicyBody = Omit<SlaPolicyDto, 'brandId'>;

export interface AgreementDto {
  brandId: string;
  brandName: string;
  analysed: number;
  corrections: number;
  /** Mentions whose final human value differs from the model's, per field. */
  overruled: { sentiment: number; intent: number; priority: number };
  /** 0…1 per field: share of analysed mentions the agents left as the model said; null with none analysed. */
  agreement: { sentiment: number | null; intent: number | null; priority: number | null };
  /** The brand's own sentiment model, learnt from its corrections; null until first trained. */
  brandModel: BrandModelDto | null;
  /** True while the brand has sentiment or intent corrections its brand model has not learnt yet. */
  brandModelPending: boolean;
}

/** A brand model's summary (worker/src/brand-models). */
export interface BrandModelDto {
  /** Human labels learnt from: corrected sentiments, and complaint/praise intents. */
  labels: number;
  /** Answered, uncorrected mentions used as anchors. */
  confirmations: number;
  trainedAt: string;
  /** Reviewed mentions (corrected or confirmed) scored by cross-validation, each by a model not trained on it; 0 = too few. */
  scored: number;
  /** Of those, the share on which the shared model agreed with the agents, and the brand model. */
  baseAgreement: number | null;
  brandAgreement: number | null;
  /** Share of the brand's recent uncorrected mentions whose sentiment the brand model changes. */
  changedShare: number | null;
  /** False when it did no better than the shared model: then it changes nothing. */
  kept: boolean;
}

/** One dependency in `GET /readyz`: whether it answered the last check, and since when. */
export interface DependencyHealthDto {
  status: 'up' | 'down';
  /** When it last changed to this status (or when this process first checked it). */
  since: string;
  /** In plain words, for people reading the endpoint or the dashboard. */
  message: string;
}

/** `GET /readyz`: 200 with `ready`, 503 with `degraded` when PostgreSQL or Redis does not answer. */
export interface ReadinessDto {
  status: 'ready' | 'degraded';
  checkedAt: string;
  message: string;
  dependencies: { postgresql: DependencyHealthDto; redis: DependencyHealthDto };
}
