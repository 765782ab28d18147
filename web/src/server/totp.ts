import { Secret, TOTP } from 'otpauth';
import { AppError, type CredentialBox } from '@earshot/db';

// Codes as every authenticator app makes them by default: SHA-1, 6 digits, 30 s.
const PERIOD = 30;

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 for authenticator apps. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (from a QR code or pasted). */
export function totpUri(secret: string, email: string): string {
  return new TOTP({ issuer: 'Earshot', label: email, secret: Secret.fromBase32(secret), period: PERIOD }).toString();
}

/**
 * The time step of `code` if it is the code of now, or of the step just before or after
 * (clocks drift); null otherwise. Callers claim the step so a code works once.
 */
export function checkTotp(secret: string, code: string, now = Date.now()): number | null {
  const delta = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD }).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** Secrets are sealed like platform credentials, bound to the user so one cannot be moved to another. */
export function sealTotpSecret(box: CredentialBox | undefined, userId: string, secret: string): string {
  return requireBox(box).seal(`totp:${userId}`, { secret });
}

export function openTotpSecret(box: CredentialBox | undefined, userId: string, sealed: string): string {
  const secret = requireBox(box).open(`totp:${userId}`, sealed).secret;
  if (!secret) throw new AppError('INTERNAL', 'A stored two-factor secret is damaged; an admin can reset two-factor sign-in for this user.');
  return secret;
}

function requireBox(box: CredentialBox | undefined): CredentialBox {
  if (!box) {
    throw new AppError('UNAVAILABLE', 'Two-factor codes need EARSHOT_SECRET, which is not set. Set it (at least 32 characters, the same as before) and restart Earshot.');
  }
  return box;
}
