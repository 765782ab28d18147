import type { IncomingMessage } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The app and brand-account credentials the fake X accepts (OAuth 1.0a user context). */
export const FAKE_X_CREDENTIALS = {
  appKey: 'fake-consumer-key',
  appSecret: 'fake-consumer-secret',
  accessToken: '900000001-fakeaccesstoken',
  accessSecret: 'fake-access-secret',
} as const;
/** The app-only bearer token the fake X accepts. */
export const FAKE_X_BEARER_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAfake-bearer';

export type XAuth = { kind: 'user' } | { kind: 'app' };

function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Who signed the request: the brand account (OAuth 1.0a, its HMAC-SHA1 signature checked
 * over the request as received, RFC 5849), the app (bearer token), or nobody (null).
 */
export function authenticateX(req: IncomingMessage, url: URL): XAuth | null {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7) === FAKE_X_BEARER_TOKEN ? { kind: 'app' } : null;
  if (!header.startsWith('OAuth ')) return null;
  const oauth: Record<string, string> = {};
  for (const part of header.slice(6).split(',')) {
    const m = /^\s*([^=]+)="([^"]*)"\s*$/.exec(part);
    if (m) oauth[decodeURIComponent(m[1]!)] = decodeURIComponent(m[2]!);
  }
  const c = FAKE_X_CREDENTIALS;
  if (oauth.oauth_consumer_key !== c.appKey || oauth.oauth_token !== c.accessToken || oauth.oauth_signature_method !== 'HMAC-SHA1') return null;
  // Proves the client holds both secrets, as X checks.
  const params: [string, string][] = [];
  for (const [k, v] of url.searchParams) params.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of Object.entries(oauth)) if (k !== 'oauth_signature') params.push([percentEncode(k), percentEncode(v)]);
  params.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const base = [
    (req.method ?? 'GET').toUpperCase(),
    percentEncode(`http://${req.headers.host}${url.pathname}`),
    percentEncode(params.map(([k, v]) => `${k}=${v}`).join('&')),
  ].join('&');
  const expected = createHmac('sha1', `${percentEncode(c.appSecret)}&${percentEncode(c.accessSecret)}`).update(base).digest();
  const given = Buffer.from(oauth.oauth_signature ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { kind: 'user' };
}
