import { z } from 'zod';

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
  text: z.string().trim().min(1, 'Write a reply first.').max(10_000),
  /** Chosen by the client per compose; a resend with the same key returns the same reply. */
  idempotencyKey: z.string().min(8).max(100),
});
export type SendReplyBody = z.infer<typeof SendReplyBodySchema>;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent';
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
  health: {
    lastPollAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    rateLimitedUntil: string | null;
    fetchedToday: number;
    readsThisMonth: number;
    readBudgetMonthly: number | null;
  };
}

export type LiveEvent =
  | { type: 'mentions.created'; brandId: string; ids: string[] }
  | { type: 'mention.updated'; brandId: string; id: string };

export interface ErrorBody {
  error: { code: string; message: string };
}
