import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, type ApiClient } from '../support/api-client.ts';
import { rawRequest } from '../support/raw-http.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

// Hostile strings into every field of every route get a 4xx with a clear message, never a 500,
// and state-changing requests from another origin are refused.

interface ErrorBody {
  error: { code: string; message: string };
}

describe('hostile requests', () => {
  let app: TestApp;
  let admin: ApiClient;
  let brandId: string;
  let streamId: string;
  let mentionId: string;

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web', 'worker', 'collectors'], demo: 'on', demoPerMinute: 600 });
    admin = await signedInClient(app);
    ({ id: mentionId, brandId } = await waitFor(
      'a demo mention in the inbox',
      async () => (await admin.request<{ items: { id: string; brandId: string }[] }>('GET', '/api/mentions?status=all&limit=1')).body.items[0],
      30_000,
    ));
    const streams = await admin.request<{ streams: { id: string }[] }>('GET', '/api/streams');
    streamId = streams.body.streams[0]!.id;
  });
  afterAll(async () => app.stop());

  const HOSTILE: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['DEL', 'a\u007fb'],
    ['very long text', 'x'.repeat(300_000)],
    ['invisible-only text', '\u200b\u200d\u2060\ufeff'],
    ['a direction override', '\u202eevil'],
    ['markup', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
  ];

  it('never answers a hostile string in any field with a 500', async () => {
    const requests = (v: string): [string, string, unknown][] => [
      ['POST', '/api/session', { email: v, password: v }],
      ['POST', `/api/mentions/${mentionId}/replies`, { text: v, idempotencyKey: `key-${v.slice(0, 50)}` }],
      ['POST', `/api/mentions/${mentionId}/replies`, { text: 'Sorry to hear that', idempotencyKey: v }],
      ['POST', `/api/mentions/${mentionId}/corrections`, { field: 'sentiment', value: v }],
      ['POST', '/api/brands', { name: v }],
      ['POST', '/api/streams', { brandId, platform: 'demo', name: v, query: {} }],
      ['POST', '/api/streams', { brandId, platform: v, name: 'x', query: { k: v } }],
      ['PATCH', `/api/streams/${streamId}`, { name: v }],
      ['PATCH', `/api/streams/${streamId}`, { query: { keywords: [v] } }],
      ['PUT', '/api/connections/x', { credentials: { appKey: v } }],
      ['PUT', `/api/brands/${brandId}/sla-policy`, { timeZone: v }],
      ['GET', `/api/mentions?status=${encodeURIComponent(v.slice(0, 2000))}`, undefined],
      ['GET', `/api/mentions?cursor=${encodeURIComponent(v.slice(0, 2000))}`, undefined],
      ['GET', `/api/mentions/${encodeURIComponent(v.slice(0, 2000))}`, undefined],
      ['GET', `/api/audit?action=${encodeURIComponent(v.slice(0, 2000))}&from=${encodeURIComponent(v.slice(0, 100))}`, undefined],
      ['GET', `/api/audit.csv?actorId=${encodeURIComponent(v.slice(0, 2000))}&cursor=${encodeURIComponent(v.slice(0, 100))}`, undefined],
      ['POST', '/api/invitations', { email: v, role: 'agent' }],
      ['POST', '/api/invitations', { email: 'hostile@example.test', role: v, expiresInDays: v }],
      ['POST', '/api/invitations/preview', { token: v }],
      ['POST', '/api/invitations/accept', { token: v, name: v, password: v }],
      ['PATCH', `/api/users/${encodeURIComponent(v.slice(0, 2000))}`, { role: 'agent' }],
      ['PATCH', `/api/users/${mentionId}`, { role: v, disabled: v }],
      ['DELETE', `/api/invitations/${encodeURIComponent(v.slice(0, 2000))}`, undefined],
      ['POST', '/api/tokens', { name: v, role: 'viewer', expiresInDays: 1 }],
      ['POST', '/api/tokens', { name: 'hostile', role: v, expiresInDays: v }],
      ['DELETE', `/api/tokens/${encodeURIComponent(v.slice(0, 2000))}`, undefined],
      ['POST', '/api/session', { email: 'nobody-hostile@example.test', password: 'wrong-password', code: v }],
      ['POST', '/api/account/totp/confirm', { code: v }],
      ['POST', '/api/account/totp/disable', { code: v }],
      ['DELETE', `/api/users/${encodeURIComponent(v.slice(0, 2000))}/totp`, undefined],
    ];
    const problems: string[] = [];
    for (const [what, value] of HOSTILE) {
      for (const [method, path, body] of requests(value)) {
        const res = await admin.request<ErrorBody>(method, path, body);
        if (res.status >= 500 || (res.status >= 400 && !res.body?.error?.message)) problems.push(`${what}: ${method} ${path.slice(0, 60)} → ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses NUL with a message naming the field, and leaves stored data intact', async () => {
    // The streams as stored, without their live health: the demo stream is polled meanwhile.
    const stored = async () =>
      (await admin.request<{ streams: { id: string; name: string; health: unknown }[] }>('GET', '/api/streams')).body.streams.map(({ health: _live, ...s }) => s);
    const before = await stored();
    expect(before.map((s) => s.id)).toContain(streamId);
    const res = await admin.request<ErrorBody>('PATCH', `/api/streams/${streamId}`, { name: 'evil\u0000name' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/field "name" contains a control character/);
    expect(await stored()).toEqual(before);
  });

  it('refuses an empty stream change and a reply made only of invisible characters', async () => {
    for (const body of [{}, null]) {
      const res = await admin.request<ErrorBody>('PATCH', `/api/streams/${streamId}`, body ?? 'null');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Nothing to change/);
    }
    const reply = await admin.request<ErrorBody>('POST', `/api/mentions/${mentionId}/replies`, { text: '\u200b\u200b \u2060', idempotencyKey: 'invisible-1' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/no visible characters/);
  });

  it('answers oversized headers and URLs in the app\u2019s error format', async () => {
    const longHeader = await rawRequest(app.url, 'GET', '/api/mentions', { headers: { 'x-big': 'y'.repeat(40_000) } });
    expect(longHeader.status).toBe(431);
    expect(JSON.parse(longHeader.body)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const longParam = await admin.request<ErrorBody>('GET', `/api/mentions/${'a'.repeat(500)}`);
    expect(longParam.status).toBeGreaterThanOrEqual(400);
    expect(longParam.status).toBeLessThan(500);
    expect(longParam.body.error.message).toBeTruthy();
  });

  it('refuses a state-changing request from another origin or site, and a non-JSON body', async () => {
    const cookie = (admin as unknown as { cookie: string }).cookie;
    const post = (headers: Record<string, string>, body = JSON.stringify({ name: 'Origin test brand' })) =>
      rawRequest(app.url, 'POST', '/api/brands', { headers: { cookie, 'content-type': 'application/json', ...headers }, body });
    const evil = await post({ origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).error.message).toMatch(/came from http:\/\/evil\.example/);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=x')).status).toBe(415);
    const { hostname, port } = new URL(app.url);
    expect((await post({ origin: `http://${hostname}:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // Reading is not a state change: a cross-site GET is answered (the cookie is SameSite=Lax).
    expect((await rawRequest(app.url, 'GET', '/api/brands', { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(200);
  });

  it('sends security headers: a CSP that forbids framing, nosniff, no referrer, and no caching of the API', async () => {
    const api = await rawRequest(app.url, 'GET', '/api/brands', { headers: { cookie: (admin as unknown as { cookie: string }).cookie } });
    expect(api.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(api.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(api.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(api.headers['content-security-policy']).toMatch(/base-uri 'none'/);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(api.headers['cache-control']).toBe('no-store');
    const shell = await rawRequest(app.url, 'GET', '/');
    expect(shell.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(shell.headers['x-frame-options']).toBe('DENY');
  });
});
