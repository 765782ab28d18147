import { sql } from 'kysely';
import type { NotificationSeverity } from '../schema.ts';
import {
  NotificationChannelConfigSchema,
  parseChannelRow,
  QuietHoursSchema,
  type NotificationChannel,
  type QuietHours,
} from './notification-types.ts';
import type { Database } from '../client.ts';

export interface NotificationChannelChanges {
  name?: string;
  /** Validated against the channel's kind, which never changes. */
  config?: unknown;
  /** The stored form from `storeWebhookSecret` (webhooks only). */
  signingSecret?: string;
  minSeverity?: NotificationSeverity;
  quietHours?: QuietHours | null;
  enabled?: boolean;
}

/** Applies changes to a channel; returns it parsed, or undefined when there is no such channel. Primary key. */
export async function updateNotificationChannel(
  db: Database,
  id: string,
  changes: NotificationChannelChanges,
): Promise<NotificationChannel | undefined> {
  const current = await db
    .selectFrom('notification_channels')
    .select('kind')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) return undefined;
  const config =
    changes.config === undefined
      ? undefined
      : NotificationChannelConfigSchema.parse({ kind: current.kind, config: changes.config })
          .config;
  const row = await db
    .updateTable('notification_channels')
    .set({
      updated_at: sql<Date>`now()`,
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(config !== undefined ? { config: JSON.stringify(config) } : {}),
      ...(changes.signingSecret !== undefined && current.kind === 'webhook'
        ? { signing_secret: changes.signingSecret }
        : {}),
      ...(changes.minSeverity !== undefined ? { min_severity: changes.minSeverity } : {}),
      ...(changes.quietHours !== undefined
        ? {
            quiet_hours:
              changes.quietHours === null
                ? null
                : JSON.stringify(QuietHoursSchema.parse(changes.quietHours)),
          }
        : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? parseChannelRow(row) : undefined;
}
