import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('sign-in throttle (web, real Redis)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
    await app.db
      .insertInto('users')
      .values({ email: 'agent@example.test', name: 'Agent', password_hash: await hashPassword('right-password-123') })
      .execute();
  });
  afterAll(async () => app.stop());

  const attempt = (email: string, password: string) => new ApiClient(app.url).request<{ error?: { code: string; message: string } }>('POST', '/api/session', { email, password });

  it('refuses an account after 10 failed sign-ins from one address, even with the right password, and says when to retry', async () => {
    // A success clears the count: 9 failures, a success, and 9 more do not block.
    for (let i = 0; i < 9; i++) expect((await attempt('agent@example.test', `wrong-${i}`)).status).toBe(401);
    expect((await attempt('Agent@Example.test', 'right-password-123')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await attempt('agent@example.test', `wrong-${i}`)).status).toBe(401);

    const res = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'AGENT@example.test', password: 'right-password-123' }),
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await res.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: 'Too many failed sign-ins; try again in 15 minutes, or ask an admin to reset the password.' },
    });
    // Other accounts from the same address are not affected.
    expect((await attempt(app.adminEmail, app.adminPassword)).status).toBe(200);
    // Redis holds counters, not email addresses.
    const keys = await app.bus.connect().keys(`${app.prefix}:sign-in:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/example/i);
  });
});
