import { z } from 'zod';
import type { NotificationChannelRow, NotificationRow, NotificationSeverity } from '../schema.ts';

const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. 22:00');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Low-severity notifications inside this local window wait and go out as one digest at its end. */
export const QuietHoursSchema = z
  .object({
    start: Clock,
    end: Clock,
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  })
  .refine((q) => q.start !== q.end, 'start and end must differ');
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const EmailChannelConfigSchema = z.object({
  recipients: z
    .array(z.email('each recipient must be an email address'))
    .min(1, 'name at least one recipient')
    .max(50),
});
export const WebhookChannelConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }),
  /** `slack`: text + blocks, for Slack incoming webhooks and compatible tools; `json`: Earshot's own body. */
  format: z.enum(['slack', 'json']).default('json'),
});

/** What a channel's `config` column holds, per kind. */
export const NotificationChannelConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), config: EmailChannelConfigSchema }),
  z.object({ kind: z.literal('webhook'), config: WebhookChannelConfigSchema }),
]);
export type EmailChannelConfig = z.infer<typeof EmailChannelConfigSchema>;
export type WebhookChannelConfig = z.infer<typeof WebhookChannelConfigSchema>;

export const SeveritySchema = z.enum(['low', 'high']);

/**
 * A file to send with the notification. `inline` carries it (a few MB at most); other kinds
 * name a stored object that the worker's attachment resolvers know how to read (e.g. a
 * report's PDF), so the outbox row stays small.
 */
export const NotificationAttachmentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('inline'),
    filename: z.string().min(1).max(200),
    contentType: z.string().min(1).max(100),
    contentBase64: z.string().max(8_000_000),
  }),
  z.object({
    kind: z.literal('report'),
    reportId: z.uuid(),
    format: z.enum(['pdf', 'csv']),
    filename: z.string().min(1).max(200),
  }),
]);
export type NotificationAttachment = z.infer<typeof NotificationAttachmentSchema>;

/**
 * What the explanation of an alert may carry; every field optional, unknown fields kept. The
 * renderers show `explanation` and `examples`, and list `figures` as label: value.
 */
export const NotificationDetailsSchema = z
  .object({
    explanation: z.string().optional(),
    figures: z
      .array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]) }))
      .optional(),
    examples: z
      .array(
        z.object({
          text: z.string(),
          author: z.string().optional(),
          platform: z.string().optional(),
          url: z.string().nullable().optional(),
          postedAt: z.string().optional(),
        }),
      )
      .optional(),
  })
  .loose();
export type NotificationDetails = z.infer<typeof NotificationDetailsSchema>;

/** A channel with its config parsed. */
export type NotificationChannel =
  | (Omit<NotificationChannelRow, 'config' | 'quiet_hours'> & {
      kind: 'email';
      config: EmailChannelConfig;
      quiet_hours: QuietHours | null;
    })
  | (Omit<NotificationChannelRow, 'config' | 'quiet_hours'> & {
      kind: 'webhook';
      config: WebhookChannelConfig;
      quiet_hours: QuietHours | null;
    });

/** Parses a stored channel row; a row that no longer parses is a bug or a hand edit, named in the error. */
export function parseChannelRow(row: NotificationChannelRow): NotificationChannel {
  const parsed = NotificationChannelConfigSchema.safeParse({ kind: row.kind, config: row.config });
  if (!parsed.success)
    throw new Error(
      `Notification channel ${row.id} has an invalid ${row.kind} config: ${parsed.error.message}. Edit or recreate the channel.`,
    );
  const quiet = row.quiet_hours === null ? null : QuietHoursSchema.parse(row.quiet_hours);
  return { ...row, ...parsed.data, quiet_hours: quiet } as NotificationChannel;
}

/** A notification with details and attachment parsed. */
export type Notification = Omit<NotificationRow, 'details' | 'attachment'> & {
  details: NotificationDetails;
  attachment: NotificationAttachment | null;
};

export function parseNotificationRow(row: NotificationRow): Notification {
  return {
    ...row,
    details: NotificationDetailsSchema.parse(row.details ?? {}),
    attachment: row.attachment === null ? null : NotificationAttachmentSchema.parse(row.attachment),
  };
}

/** Whether a notification of `severity` reaches a channel that wants `minSeverity` and above. */
export function severityReaches(
  severity: NotificationSeverity,
  minSeverity: NotificationSeverity,
): boolean {
  return minSeverity === 'low' || severity === 'high';
}
