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

describe('sign-in behind (or not behind) a proxy, under a burst, and for unknown accounts', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startTestApp({ roles: ['web'], demo: 'off' }),
      startTestApp({ roles: ['web'], demo: 'off', env: { EARSHOT_TRUST_PROXY: '127.0.0.1' } }),
    ]);
  });
  afterAll(async () => Promise.all([direct.stop(), proxied.stop()]));

  const signIn = (app: TestApp, email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

  it('gains a guesser nothing by forging X-Forwarded-For when no proxy is configured', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await signIn(direct, direct.adminEmail, `wrong-${i}`, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    }
    const res = await signIn(direct, direct.adminEmail, direct.adminPassword, { 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(429);
  });

  it('honours the configured proxy\u2019s X-Forwarded-For: each client is counted on its own', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await signIn(proxied, proxied.adminEmail, `wrong-${i}`, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
    }
    expect((await signIn(proxied, proxied.adminEmail, proxied.adminPassword, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    expect((await signIn(proxied, proxied.adminEmail, proxied.adminPassword, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
  });

  it('slows guessing one account from many addresses with a growing delay, not a lock-out', async () => {
    const email = 'many-addresses@example.test';
    await proxied.db.insertInto('users').values({ email, name: 'Target', password_hash: await hashPassword('the-right-password') }).execute();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await signIn(proxied, email, `wrong-${i}`, { 'x-forwarded-for': `192.0.2.${i + 1}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    // Past 20 failures everywhere, the next try waits a few seconds, whoever makes it...
    const delayed = await signIn(proxied, email, 'the-right-password', { 'x-forwarded-for': '198.51.100.99' });
    expect(delayed.status).toBe(429);
    const wait = Number(delayed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    // ...and once it has passed, the real user gets in.
    await new Promise((r) => setTimeout(r, wait * 1000 + 200));
    expect((await signIn(proxied, email, 'the-right-password', { 'x-forwarded-for': '198.51.100.99' })).status).toBe(200);
  });

  it('takes as long for an unknown email as for a wrong password', async () => {
    const time = async (email: string) => {
      const t = performance.now();
      expect((await signIn(direct, email, 'some-wrong-password')).status).toBe(401);
      return performance.now() - t;
    };
    await direct.db
      .insertInto('users')
      .values({ email: 'agent-timing@example.test', name: 'T', password_hash: await hashPassword('x-right-password') })
      .execute()
      .catch(() => undefined);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('agent-timing@example.test'));
      unknown.push(await time(`nobody-${i}@example.test`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Both run one scrypt check; before the fix the unknown email answered ~25× faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('stays responsive for a real user during a burst of wrong passwords', async () => {
    // The same sign-in with no burst, timed now: on a loaded machine every check is slower, and
    // the limit below grows with it. A queue behind the burst's 60 checks would be ~15× this
    // (four at a time in libuv's pool); one check at a time per address keeps it near 1×.
    let quiet = performance.now();
    expect((await signIn(proxied, proxied.adminEmail, proxied.adminPassword, { 'x-forwarded-for': '198.51.100.151' })).status).toBe(200);
    quiet = performance.now() - quiet;
    const burst = Array.from({ length: 60 }, (_, i) => signIn(proxied, `burst-${i}@example.test`, 'wrong', { 'x-forwarded-for': '203.0.113.200' }));
    const t = performance.now();
    const real = await signIn(proxied, proxied.adminEmail, proxied.adminPassword, { 'x-forwarded-for': '198.51.100.150' });
    const took = performance.now() - t;
    const statuses = await Promise.all(burst.map(async (r) => (await r).status));
    expect(real.status).toBe(200);
    // One check at a time per address: the burst's address gets 429s at once instead of a queue.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(50);
    expect(took).toBeLessThan(Math.max(3_000, 8 * quiet));
  });
});
