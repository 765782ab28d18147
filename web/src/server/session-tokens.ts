import { createHash, randomBytes } from 'node:crypto';

/** Without Secure (plain HTTP on loopback) the `__Host-` prefix is not allowed by browsers. */
export const SESSION_COOKIE = 'earshot_session';
export const SECURE_SESSION_COOKIE = '__Host-earshot_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60_000;

/** A new random session token; only its hash is stored. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
