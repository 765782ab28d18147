export { startDelivery, type DeliveryOptions, type DeliveryRole } from './start-delivery.ts';
export { handleDeliverNotification, type DeliverOutcome } from './deliver-notification.handler.ts';
export { handleDeliverDigest } from './deliver-digest.handler.ts';
export { sweepDeliveries } from './sweep-deliveries.ts';
export { signWebhook, verifyWebhookSignature } from './sign-webhook.ts';
export { quietHoursEnd } from './quiet-hours.ts';
export { createMailer, type Mailer, type MailSettings } from './mailer.ts';
export type { DeliveryDeps, AttachmentResolver, ResolvedAttachment } from './delivery-deps.ts';
