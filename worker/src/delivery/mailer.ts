import nodemailer from 'nodemailer';
import { DeliveryError } from './send-webhook.ts';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  deliveryId: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Sends email. `null` from `createMailer` means email is not configured in this process. */
export interface Mailer {
  /** Resolves with the recipients the server refused while accepting the message for the others. */
  send(message: MailMessage): Promise<{ rejected: string[] }>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
}

/**
 * A nodemailer SMTP transport. The Message-ID is built from the delivery id, so a
 * re-send after a crash carries the same one (mail systems that dedupe by Message-ID drop the
 * repeat). SMTP 5xx answers are permanent; everything else is retried.
 */
export function createMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // nodemailer waits up to 10 minutes for a silent server by default; a delivery job should not.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${message.deliveryId}@earshot.delivery>`,
          headers: { 'Earshot-Delivery-Id': message.deliveryId },
          attachments: message.attachments,
        });
        return {
          rejected: ((info.rejected as unknown[] | undefined) ?? []).map((r) =>
            typeof r === 'string' ? r : String((r as { address?: string }).address),
          ),
        };
      } catch (error) {
        const e = error as { responseCode?: number; message: string; code?: string };
        const code = e.responseCode ?? null;
        const permanent = code !== null && code >= 500;
        throw new DeliveryError(
          permanent
            ? `The mail server refused the message (${code}: ${e.message}). Check the recipients and EARSHOT_MAIL_FROM.`
            : `Could not hand the message to the mail server (${e.code ?? code ?? ''} ${e.message}); retrying.`,
          permanent,
          code,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
