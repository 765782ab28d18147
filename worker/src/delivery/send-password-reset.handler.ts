import { createHash, randomBytes } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { setPasswordResetToken, type JobPayload, type Runtime } from '@earshot/db';
import type { Mailer } from './mailer.ts';

export interface PasswordResetMailDeps {
  runtime: Runtime;
  mailer: Mailer | null;
  /** The dashboard's address as users reach it (EARSHOT_PUBLIC_URL). */
  publicUrl: string | undefined;
}

/**
 * Makes the link's token, stores its hash on the request (only if the request is still open)
 * and mails the link. A retry makes a new token, so only the newest link mailed works. The token
 * travels in the link's fragment (`#…`), which browsers never send to a server or in a Referer.
 */
export async function handleSendPasswordReset(deps: PasswordResetMailDeps, payload: JobPayload<'sendPasswordReset'>): Promise<'sent' | 'closed'> {
  if (!deps.mailer) {
    throw new UnrecoverableError('Email is not configured, so a password reset link could not be sent: set EARSHOT_SMTP_URL and EARSHOT_MAIL_FROM for the worker processes.');
  }
  const token = randomBytes(32).toString('base64url');
  // The same hash as the web role's session tokens (SHA-256, base64url).
  const tokenHash = createHash('sha256').update(token).digest('base64url');
  const to = await setPasswordResetToken(deps.runtime.db, payload.resetId, tokenHash);
  if (!to) return 'closed';
  const link = new URL(`/reset-password#${token}`, deps.publicUrl ?? 'http://localhost:3000').toString();
  const minutes = Math.max(1, Math.round((to.expiresAt.getTime() - Date.now()) / 60_000));
  const text = [
    'Someone (we hope you) asked to reset the password of your Earshot account.',
    '',
    `Choose a new password here (the link works once, for ${minutes} minutes):`,
    link,
    '',
    'Using it signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
  const html = `<p>Someone (we hope you) asked to reset the password of your Earshot account.</p>
<p><a href="${link}">Choose a new password</a> (the link works once, for ${minutes} minutes).</p>
<p>Using it signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  await deps.mailer.send({
    to: [to.email],
    subject: 'Reset your Earshot password',
    text,
    html,
    deliveryId: `password-reset-${payload.resetId}-${token.slice(0, 8)}`,
    attachments: [],
  });
  return 'sent';
}
