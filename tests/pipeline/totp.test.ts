import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuditPage, TotpSetup, TotpStatus } from '@earshot/web';
import { ApiClient, signedInClient } from '../support/api-client.ts';
import { seedSignedInUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { nextTotpCode as nextCode, totpCode as totp } from '../support/totp-code.ts';

interface ErrorBody {
  error: { code: string; message: string; reason?: string };
}

describe('two-factor sign-in (TOTP)', () => {
  let app: TestApp;
  let admin: ApiClient;
  let user: ApiClient;
  let userId: string;
  let secret: string;
  const email = 'two-factor@example.test';
  const password = 'two-factor-password';

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
    admin = await signedInClient(app);
    ({ client: user, user: { id: userId } } = await seedSignedInUser(app, { email, name: 'Two Factor', password, role: 'agent' }));
  });
  afterAll(async () => app?.stop());

  it('is set up with a code from the app, and the secret is stored sealed', async () => {
    const setup = await user.request<TotpSetup>('POST', '/api/account/totp');
    expect(setup.status).toBe(200);
    secret = setup.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toMatch(new RegExp(`^otpauth://totp/Earshot:two-factor%40example\\.test\\?issuer=Earshot&secret=${secret}&algorithm=SHA1&digits=6&period=30$`));
    expect((await user.request<TotpStatus>('GET', '/api/account/totp')).body).toEqual({ enabled: false, pending: true });
    const wrong = await user.request<ErrorBody>('POST', '/api/account/totp/confirm', { code: totp(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect((await user.request<TotpStatus>('POST', '/api/account/totp/confirm', { code: totp(secret) })).body).toEqual({ enabled: true, pending: false });
    const row = (await sql<{ totp_secret: string }>`select totp_secret from users where id = ${userId}`.execute(app.db)).rows[0]!;
    expect(row.totp_secret).not.toContain(secret);
    expect((await user.request('POST', '/api/account/totp')).status).toBe(409);
  });

  it('then asks for the code at sign-in, and takes each code once', async () => {
    const client = new ApiClient(app.url);
    const without = await client.request<ErrorBody>('POST', '/api/session', { email, password });
    expect(without.status).toBe(401);
    expect(without.body.error).toMatchObject({ reason: 'totp_required', message: 'Enter the 6-digit code from your authenticator app.' });
    // A wrong password says nothing about the second factor.
    const wrongPassword = await client.request<ErrorBody>('POST', '/api/session', { email, password: 'not-it', code: totp(secret) });
    expect(wrongPassword.body.error.reason).toBeUndefined();
    const code = nextCode(secret);
    expect((await client.request('POST', '/api/session', { email, password, code })).status).toBe(200);
    const replay = await new ApiClient(app.url).request<ErrorBody>('POST', '/api/session', { email, password, code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/wrong or was already used/);
    const failures = (await admin.request<AuditPage>('GET', '/api/audit?action=session.sign_in_failed')).body.entries.map((e) => e.details.reason);
    expect(failures).toContain('code used twice');
  });

  it('can be turned off with a code, or by an admin for a lost phone', async () => {
    // The sign-in above used the next step's code, so no unused code is valid right now; rather
    // than wait 30 s, forget which step was used last.
    await sql`update users set totp_last_step = null where id = ${userId}`.execute(app.db);
    expect((await user.request<TotpStatus>('POST', '/api/account/totp/disable', { code: totp(secret) })).body).toEqual({ enabled: false, pending: false });
    await new ApiClient(app.url).signIn(email, password);

    await user.request<TotpSetup>('POST', '/api/account/totp').then(async (r) => {
      secret = r.body.secret;
      expect((await user.request('POST', '/api/account/totp/confirm', { code: totp(secret) })).status).toBe(200);
    });
    expect((await new ApiClient(app.url).request('POST', '/api/session', { email, password })).status).toBe(401);
    expect((await user.request('DELETE', `/api/users/${userId}/totp`)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/users/${userId}/totp`)).status).toBe(204);
    await new ApiClient(app.url).signIn(email, password);
    const entries = (await admin.request<AuditPage>('GET', `/api/audit?action=totp.disabled`)).body.entries;
    expect(entries.map((e) => [e.actor.label, e.details.reset ?? false])).toEqual([
      [app.adminEmail, true],
      [email, false],
    ]);
  });
});
