import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '@earshot/db';
import { allows, ROLES, type Access } from '@earshot/web';
import { seedUser } from '../support/factories.ts';
import { rawRequest, type RawResponse } from '../support/raw-http.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Every route the server registered (as Fastify reported them, not a hand-kept list), requested
// with no session and as each role, must answer exactly as the permission table says; and every
// spelling of its path that a router might decode or normalise must leak nothing without a session.

const PASSWORD = 'route-access-password';

function concretePath(url: string): string {
  return url
    .replace(/:id\b/g, randomUUID())
    .replace(/:platform\b/g, 'x')
    .replace(/\/\*$/, '/index.html');
}

/** Spellings of a path that reach the same handler in some routers (or in ours, decoded). */
function spellings(path: string): string[] {
  const segments = path.split('/').filter(Boolean);
  const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
  return [
    '/' + segments.map(encodeFirst).join('/'),
    '/' + segments.map((s) => encodeURIComponent(s).replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/'),
    '//' + segments.join('//'),
    path + '/',
    `/${segments[0]}/x/../${segments.slice(1).join('/')}`,
    `/${segments[0]}/./${segments.slice(1).join('/')}`,
    path.toUpperCase(),
    path.replace(/^\/api/, '/Api'),
    path + '?x=1#frag',
    path.replace(/\//g, '%2F'),
  ];
}

describe('the permission table decides every route', () => {
  let app: TestApp;
  const cookies = new Map<UserRole, string>();

  const signIn = async (role: UserRole) => {
    const res = await rawRequest(app.url, 'POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}-user@example.test`, password: PASSWORD }),
    });
    expect(res.status, `sign-in as ${role}`).toBe(200);
    cookies.set(role, String(res.headers['set-cookie']?.[0]).split(';')[0]!);
  };

  const call = (method: string, path: string, cookie?: string): Promise<RawResponse> =>
    rawRequest(app.url, method, path, {
      headers: { ...(cookie ? { cookie } : {}), ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: '{}' } : {}),
    });

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
    for (const role of ROLES) await seedUser(app.db, { email: `${role}-user@example.test`, name: role, password: PASSWORD, role });
    for (const role of ROLES) await signIn(role);
  });
  afterAll(async () => app.stop());

  it('registers the API routes it should, each with an entry in the table (startup fails otherwise)', () => {
    const keys = app.earshot.routes.map((r) => `${r.method} ${r.url}`);
    expect(keys).toContain('GET /api/mentions');
    expect(keys).toContain('PUT /api/connections/:platform');
    expect(keys).toContain('GET /*');
    expect(app.earshot.routes.length).toBeGreaterThan(20);
  });

  it('answers 401 without a session, 403 below the route\u2019s role, and serves the roles the table allows', async () => {
    const problems: string[] = [];
    const expectAccess = (what: string, res: RawResponse, expected: 'allowed' | 401 | 403) => {
      const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === expected;
      if (!ok) problems.push(`${what}: expected ${expected}, got ${res.status} ${res.body.slice(0, 120)}`);
    };
    for (const route of app.earshot.routes) {
      const path = concretePath(route.url);
      const access: Access = route.access;
      expectAccess(`${route.method} ${path} (no session)`, await call(route.method, path), access === 'public' ? 'allowed' : 401);
      for (const role of ROLES) {
        const res = await call(route.method, path, cookies.get(role));
        expectAccess(`${route.method} ${path} as ${role}`, res, allows(access, role) ? 'allowed' : 403);
        // Routes that end sessions (sign out, sign out everywhere) are tried last in effect: sign in again.
        if (route.method === 'DELETE' && /\/api\/sessions?$/.test(route.url) && res.status === 204) await signIn(role);
      }
    }
    expect(problems).toEqual([]);
  });

  it('decides the same for an API token of each role, sent as a bearer token', async () => {
    const tokens = new Map<UserRole, string>();
    for (const role of ROLES) {
      const res = await rawRequest(app.url, 'POST', '/api/tokens', {
        headers: { cookie: cookies.get(role)!, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `route-access ${role}`, role }),
      });
      expect(res.status, `token for ${role}`).toBe(201);
      tokens.set(role, (JSON.parse(res.body) as { token: string }).token);
    }
    const problems: string[] = [];
    for (const route of app.earshot.routes.filter((r) => r.access !== 'public')) {
      const path = concretePath(route.url);
      for (const role of ROLES) {
        const unsafe = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
        const res = await rawRequest(app.url, route.method, path, {
          headers: { authorization: `Bearer ${tokens.get(role)!}`, ...(unsafe ? { 'content-type': 'application/json' } : {}) },
          ...(unsafe ? { body: '{}' } : {}),
        });
        // Token management and the second factor are for sessions only, whatever the token's role.
        const expected = /^\/api\/(tokens|account\/totp)/.test(route.url) ? 403 : allows(route.access, role) ? 'allowed' : 403;
        const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === expected;
        if (!ok) problems.push(`${route.method} ${path} with a ${role} token: expected ${expected}, got ${res.status} ${res.body.slice(0, 120)}`);
        if (route.method === 'DELETE' && /\/api\/sessions?$/.test(route.url) && res.status === 204) await signIn(role);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaks nothing without a session however the path is spelled', async () => {
    const problems: string[] = [];
    for (const route of app.earshot.routes.filter((r) => r.access !== 'public')) {
      for (const path of spellings(concretePath(route.url))) {
        // Node itself refuses some spellings as malformed HTTP (a HEAD's error body then
        // confuses the client's parser): refused before any route ran, nothing leaked.
        const res = await call(route.method, path).catch((error: Error) => ({ status: 400, headers: {}, body: error.message }) as RawResponse);
        const type = String(res.headers['content-type'] ?? '');
        // A 2xx is only acceptable as the dashboard's HTML shell, which holds no data.
        const leaked = res.status >= 200 && res.status < 300 && !type.startsWith('text/html');
        const crashed = res.status >= 500;
        if (leaked || crashed) problems.push(`${route.method} ${path}: ${res.status} ${type} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses GET /%61pi/mentions and /%61pi/events without a session (the reported hole)', async () => {
    expect((await call('GET', '/%61pi/mentions')).status).toBe(401);
    expect((await call('GET', '/%61pi/events')).status).toBe(401);
    expect((await call('GET', '/%61pi/mentions', cookies.get('viewer'))).status).toBe(200);
  });
});
