import { z } from 'zod';
import { EmailChannelConfigSchema, QuietHoursSchema, SeveritySchema, WebhookChannelConfigSchema } from '@earshot/db';

// Notification channels and the delivery log (server/routes/channels.routes.ts):
//
//   GET    /api/notification-channels               → { channels: ChannelDto[] }                        (admin)
//   POST   /api/notification-channels               NewChannelBody → 201 { channel, signingSecret? }    (admin)
//   PATCH  /api/notification-channels/:id           ChannelPatchBody → { channel, signingSecret? }      (admin)
//   DELETE /api/notification-channels/:id           → 204                                               (admin)
//   POST   /api/notification-channels/:id/test      → 202 { notificationId, deliveryId }               (admin)
//   GET    /api/notifications/:id/deliveries        → { deliveries: DeliveryLogDto[] }                  (admin)
//
// A webhook's signing secret is shown once, in the answer that created or rotated it; its URL
// is shown masked.

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
export type NewChannelBody = z.infer<typeof NewChannelBodySchema>;

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
export type ChannelPatchBody = z.infer<typeof ChannelPatchBodySchema>;

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
