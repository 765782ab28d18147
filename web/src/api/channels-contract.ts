import { z } from 'zod';
import { EmailChannelConfigSchema, QuietHoursSchema, SeveritySchema, WebhookChannelConfigSchema } from '@earshot/db/notification-types';

// Notification channels and the delivery log (server/routes/channels.routes.ts). The request
// bodies' schemas are here, for the server (which validates with them) and the dashboard's
// channel form (which checks with them before sending); the config schemas are db/'s, which
// the worker parses stored channels with.
//
//   GET    /api/notification-channels               → { channels: ChannelDto[] }                        (manager)
//   POST   /api/notification-channels               NewChannelBody → 201 { channel, signingSecret? }    (manager)
//   PATCH  /api/notification-channels/:id           ChannelPatchBody → { channel, signingSecret? }      (manager)
//   DELETE /api/notification-channels/:id           → 204                                               (manager)
//   POST   /api/notification-channels/:id/test      → 202 { notificationId, deliveryId }               (manager)
//   GET    /api/notification-channels/:id/deliveries → { deliveries: DeliveryLogDto[] } newest 20  (manager)
//   GET    /api/notifications/:id/deliveries        → { deliveries: DeliveryLogDto[] }                  (manager)
//
// A webhook's signing secret is shown once, in the answer that created or rotated it; its URL
// is shown masked.

export interface ChannelDto {
  id: string;
  brandId: string | null;
  kind: 'email' | 'webhook';
  name: string;
  /** A webhook's `url` is shown masked (origin and first path segment): it is often the credential. */
  config: { recipients: string[] } | { url: string; format: 'slack' | 'json' };
  minSeverity: 'low' | 'high';
  quietHours: { start: string; end: string; timeZone: string } | null;
  enabled: boolean;
  /** Webhooks: whether the secret is sealed with EARSHOT_SECRET (false: stored as it is). */
  secretSealed: boolean | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryLogDto {
  id: string;
  /** What was delivered (in a channel's history). */
  title?: string;
  createdAt: string;
  channelId: string;
  channelName: string;
  channelKind: 'email' | 'webhook';
  state: 'pending' | 'sending' | 'held' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  releaseAt: string | null;
  deliveredAt: string | null;
}

export type NewChannelBody = (
  | { kind: 'email'; config: { recipients: string[] } }
  | { kind: 'webhook'; config: { url: string; format?: 'slack' | 'json' }; signingSecret?: string }
) & {
  brandId: string | null;
  name: string;
  minSeverity?: 'low' | 'high';
  quietHours?: { start: string; end: string; timeZone: string } | null;
  enabled?: boolean;
};

export interface ChannelPatchBody {
  name?: string;
  config?: { recipients: string[] } | { url: string; format?: 'slack' | 'json' };
  minSeverity?: 'low' | 'high';
  quietHours?: { start: string; end: string; timeZone: string } | null;
  enabled?: boolean;
  rotateSecret?: true;
}

/** Labels of the channel forms' fields, for errors in the user's words (field-labels.ts). */
export const CHANNEL_LABELS = {
  kind: 'Kind',
  brandId: 'Brand',
  name: 'Channel name',
  config: 'Settings',
  'config.recipients': 'Recipients',
  'config.url': 'Webhook URL',
  'config.format': 'Message format',
  minSeverity: 'Severity',
  quietHours: 'Quiet hours',
  'quietHours.start': 'Quiet hours start',
  'quietHours.end': 'Quiet hours end',
  'quietHours.timeZone': 'Quiet hours time zone',
  enabled: 'Enabled',
  signingSecret: 'Signing secret',
  rotateSecret: 'New signing secret',
} as const;

const Common = {
  /** Null: every brand. */
  brandId: z.uuid().nullable(),
  name: z.string().trim().min(1).max(100),
  minSeverity: SeveritySchema.default('low'),
  quietHours: QuietHoursSchema.nullable().default(null),
  enabled: z.boolean().default(true),
};

export const NewChannelBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), ...Common, config: EmailChannelConfigSchema }),
  z.object({
    kind: z.literal('webhook'),
    ...Common,
    config: WebhookChannelConfigSchema,
    /** Bring your own (at least 24 characters), or leave it out and Earshot makes one. */
    signingSecret: z.string().min(24, 'must be at least 24 characters').max(200).optional(),
  }),
]);

export const ChannelPatchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Checked against the channel's kind. */
    config: z.record(z.string(), z.unknown()),
    minSeverity: SeveritySchema,
    quietHours: QuietHoursSchema.nullable(),
    enabled: z.boolean(),
    /** Webhooks: replace the signing secret with a new one, returned once. */
    rotateSecret: z.literal(true),
  })
  .partial()
  .strict();

// The body types must stay what the schemas accept: this fails to compile otherwise.
export const bodyTypesFit: [
  NewChannelBody extends z.input<typeof NewChannelBodySchema> ? true : false,
  ChannelPatchBody extends z.input<typeof ChannelPatchBodySchema> ? true : false,
] = [true, true];
