import type { CredentialBox, NotificationAttachment, Runtime } from '@earshot/db';
import type { Mailer } from './mailer.ts';

/** A stored attachment read for sending: e.g. the weekly report's PDF. */
export interface ResolvedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Reads attachments of one kind (other than `inline`, which the notification carries). */
export type AttachmentResolver = (
  ref: NotificationAttachment,
  runtime: Runtime,
) => Promise<ResolvedAttachment>;

export interface DeliveryDeps {
  runtime: Runtime;
  /** Null: email is not configured in this process (EARSHOT_SMTP_URL unset). */
  mailer: Mailer | null;
  /** Opens webhook signing secrets sealed with EARSHOT_SECRET. */
  credentialBox?: CredentialBox | undefined;
  /** The dashboard's address, for links. */
  publicUrl?: string | undefined;
  webhookTimeoutMs: number;
  /** Per attachment kind, e.g. `report` (added by the weekly report). */
  attachmentResolvers?: Partial<Record<NotificationAttachment['kind'], AttachmentResolver>>;
  /** Tests move time for quiet hours (signatures always carry the real time). */
  now?: () => Date;
}
