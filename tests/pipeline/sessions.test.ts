import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredSessions } from '@earshot/db';
import { ApiClient } from '../support/api-client.ts';
import { rawRequest } from '../support/raw-http.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
  });
  afterAll(async () => app.stop());

  it('ends a session left idle longer than the idle timeout (12 hours by default)', async () => {
    const client = new ApiClient(app.url);
    await client.signIn(app.adminEmail, app.adminPassword);
    expect((await client.request('GET', '/api/session')).status).toBe(200);
    await sql`update sessions set last_seen_at = now() - interval '13 hours'`.execute(app.db);
    expect((await client.request('GET', '/api/session')).status).toBe(401);
    // Ended sessions are also deleted, not only refused.
    expect(await purgeExpiredSessions(app.db, 12 * 3_600_000)).toBeGreaterThanOrEqual(1);
  });

  it('keeps a session in use alive: each use (at most once a minute) restarts the idle timeout', async () => {
    const client = new ApiClient(app.url);
    await client.signIn(app.adminEmail, app.adminPassword);
    await sql`update sessions set last_seen_at = now() - interval '11 hours'`.execute(app.db);
    expect((await client.request('GET', '/api/session')).status).toBe(200);
    const row = await app.db.selectFrom('sessions').select('last_seen_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(60_000);
  });

  it('signs out everywhere: every session of the user ends, another user\u2019s does not', async () => {
    const [laptop, phone] = [new ApiClient(app.url), new ApiClient(app.url)];
    await laptop.signIn(app.adminEmail, app.adminPassword);
    await phone.signIn(app.adminEmail, app.adminPassword);
    expect((await laptop.request('DELETE', '/api/sessions')).status).toBe(204);
    expect((await laptop.request('GET', '/api/session')).status).toBe(401);
    expect((await phone.request('GET', '/api/session')).status).toBe(401);
  });
});

describe('session cookie when not served on loopback', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off', env: { HOST: '0.0.0.0' } });
  });
  afterAll(async () => app.stop());

  it('is Secure and __Host- prefixed', async () => {
    const { port } = new URL(app.url);
    const res = await rawRequest(`http://127.0.0.1:${port}`, 'POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: app.adminEmail, password: app.adminPassword }),
    });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/^__Host-earshot_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
  });
});
