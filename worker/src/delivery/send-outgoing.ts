import { openWebhookSecret, type NotificationChannel } from '@earshot/db';
import type { DeliveryDeps, ResolvedAttachment } from './delivery-deps.ts';
import {
  renderHtml,
  renderJsonBody,
  renderSlackBody,
  renderText,
  subjectOf,
  type Outgoing,
} from './render.ts';
import { DeliveryError, sendWebhook } from './send-webhook.ts';

export interface SendResult {
  /** HTTP status, or 250 for an email the server accepted. */
  status: number;
  /** Something the delivery log should keep although it went out (recipients refused). */
  note?: string;
}

/** Sends one message (a notification or a digest) to one channel; throws DeliveryError. */
export async function sendOutgoing(
  deps: DeliveryDeps,
  channel: NotificationChannel,
  out: Outgoing,
): Promise<SendResult> {
  const options = { publicUrl: deps.publicUrl };
  if (channel.kind === 'webhook') {
    if (!channel.signing_secret)
      throw new DeliveryError(
        'The webhook channel has no signing secret: set one, then send a test notification.',
        true,
      );
    let secret: string;
    try {
      secret = openWebhookSecret(deps.credentialBox, channel.signing_secret);
    } catch (error) {
      throw new DeliveryError((error as Error).message, true);
    }
    const body =
      channel.config.format === 'slack'
        ? renderSlackBody(out, options)
        : renderJsonBody(out, options);
    return {
      status: await sendWebhook({
        url: channel.config.url,
        body,
        secret,
        deliveryId: out.deliveryId,
        timeoutMs: deps.webhookTimeoutMs,
      }),
    };
  }
  if (!deps.mailer) {
    throw new DeliveryError(
      'Email is not configured: set EARSHOT_SMTP_URL and EARSHOT_MAIL_FROM for the worker processes and restart them, then send a test notification.',
      true,
    );
  }
  const attachments: ResolvedAttachment[] = [];
  for (const n of out.notifications)
    if (n.attachment) attachments.push(await resolveAttachment(deps, n.attachment));
  const { rejected } = await deps.mailer.send({
    to: channel.config.recipients,
    subject: subjectOf(out),
    text: renderText(out, options),
    html: renderHtml(out, options),
    deliveryId: out.deliveryId,
    attachments,
  });
  return rejected.length === 0
    ? { status: 250 }
    : {
        status: 250,
        note: `Sent, but the mail server refused ${rejected.join(', ')}: check these addresses.`,
      };
}

async function resolveAttachment(
  deps: DeliveryDeps,
  ref: NonNullable<Outgoing['notifications'][number]['attachment']>,
): Promise<ResolvedAttachment> {
  if (ref.kind === 'inline')
    return {
      filename: ref.filename,
      contentType: ref.contentType,
      content: Buffer.from(ref.contentBase64, 'base64'),
    };
  const resolver = deps.attachmentResolvers?.[ref.kind];
  if (!resolver)
    throw new DeliveryError(
      `This worker cannot read ${ref.kind} attachments (no resolver registered); upgrade every worker to the same version.`,
      true,
    );
  try {
    return await resolver(ref, deps.runtime);
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw new DeliveryError(
      `Could not read the attachment ${ref.filename}: ${(error as Error).message}`,
      false,
    );
  }
}
