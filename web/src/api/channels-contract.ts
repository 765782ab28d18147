// Notification channels and the delivery log (server/routes/channels.routes.ts, request
// bodies validated by server/routes/channels.schemas.ts). Types only: the dashboard imports them.
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
