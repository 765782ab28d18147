import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@earshot/db';
import { CONTROL_CHARACTERS } from '../api/text-rules.ts';
import type { ErrorBody } from '../api/contract.ts';

/**
 * The dashboard loads only its own files and talks only to its own origin; nothing may frame it.
 * React sets inline styles through the DOM, which `style-src 'self'` allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function applySecurityHeaders(reply: FastifyReply): void {
  void reply.headers({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  });
}

/**
 * A state-changing request must come from the app's own pages. Browsers say where a request
 * comes from (Origin, Sec-Fetch-Site); API clients that send neither are not browsers, so a
 * cookie cannot be ridden through them.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new AppError('FORBIDDEN', `Refused: this request came from another site (${site}). Make changes from the Earshot dashboard itself.`);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('FORBIDDEN', `Refused: this request came from ${origin}, not from this Earshot. Make changes from the Earshot dashboard itself.`);
  }
}

/** The path of the first string holding a control character, or undefined. */
export function findControlCharacter(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (CONTROL_CHARACTERS.test(key)) return [...path, JSON.stringify(key).slice(1, -1)];
    const found = findControlCharacter(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Requests Node refuses before Fastify sees them (headers or URL too large, malformed HTTP)
 * still get the app's error format.
 */
export function writeClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'The request headers (or its URL) are too large. Clear this site\u2019s cookies or shorten the address.'
      : status === 408
        ? 'The request took too long to arrive. Try again.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message } } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
