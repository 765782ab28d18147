import type { NotificationSeverity } from '../schema.ts';
import {
  NotificationChannelConfigSchema,
  parseChannelRow,
  QuietHoursSchema,
  type NotificationChannel,
  type QuietHours,
} from './notification-types.ts';
import type { Database } from '../client.ts';

export type NewNotificationChannel = {
  brandId: string | null;
  name: string;
  minSeverity?: NotificationSeverity;
  quietHours?: QuietHours | null;
  enabled?: boolean;
} & (
  | { kind: 'email'; config: { recipients: string[] } }
  | {
      kind: 'webhook';
      config: { url: string; format?: 'slack' | 'json' };
      /** The stored form from `storeWebhookSecret`. */
      signingSecret: string;
    }
);

/** Stores a channel (its config validated per kind) and returns it parsed. */
export async function insertNotificationChannel(
  db: Database,
  input: NewNotificationChannel,
): Promise<NotificationChannel> {
  const checked = NotificationChannelConfigSchema.parse({ kind: input.kind, config: input.config });
  const row = await db
    .insertInto('notification_channels')
    .values({
      brand_id: input.brandId,
      kind: checked.kind,
      name: input.name,
      config: JSON.stringify(checked.config),
      signing_secret: input.kind === 'webhook' ? input.signingSecret : null,
      min_severity: input.minSeverity ?? 'low',
      quiet_hours: input.quietHours
        ? JSON.stringify(QuietHoursSchema.parse(input.quietHours))
        : null,
      enabled: input.enabled ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return parseChannelRow(row);
}
