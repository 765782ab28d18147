import { randomBytes } from 'node:crypto';
import type { CredentialBox } from '../secrets/credential-box.ts';

// Bound in as associated data, so a sealed signing secret cannot be passed off as platform credentials.
const PURPOSE = 'notification-webhook-secret';

/** A fresh signing secret in the shape receivers recognise from Stripe and Svix. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * How a webhook signing secret is stored. The secret itself is needed to sign (HMAC), so it
 * cannot be hashed: with EARSHOT_SECRET it is sealed with the same AES-256-GCM box as
 * platform credentials; without it, it is stored as `plain.…` so webhooks still work on an
 * install that has no key — the README says so, and sealing applies to secrets saved after
 * EARSHOT_SECRET is set.
 */
export function storeWebhookSecret(box: CredentialBox | undefined, secret: string): string {
  return box ? box.seal(PURPOSE, { secret }) : `plain.${secret}`;
}

/** The signing secret from its stored form; throws CredentialBoxError naming what to do when it cannot be opened. */
export function openWebhookSecret(box: CredentialBox | undefined, stored: string): string {
  if (stored.startsWith('plain.')) return stored.slice('plain.'.length);
  if (!box) {
    throw new Error(
      "This webhook's signing secret is sealed with EARSHOT_SECRET, which is not set in this process. Set it as on the other processes.",
    );
  }
  const opened = box.open(PURPOSE, stored);
  if (typeof opened.secret !== 'string')
    throw new Error(
      'The sealed webhook signing secret is malformed: set a new secret for the channel.',
    );
  return opened.secret;
}
