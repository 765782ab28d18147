import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { findUserByEmail, insertUser } from '@earshot/db';
import { hashPassword } from '@earshot/web';
import { rawRequest, type RawResponse } from '../support/raw-http.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { waitForQueueIdle } from '../support/settled.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

// "Forgot password" end to end: the web role answers the same for any email, the worker mails a
// link through nodemailer to a real SMTP server on loopback, the link sets a new password once
// and ends every session; old password and second use fail; the audit log says what happened.

const EMAIL = 'forgetful@example.test';
const OLD = 'old-password-123';

describe('password reset by email', () => {
  let app: TestApp;
  let smtp: SmtpSink;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> =>
    rawRequest(app.url, 'POST', path, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const signIn = (password: string) => post('/api/session', { email: EMAIL, password });
  const linkIn = (text: string): string => {
    const match = /(http:\/\/\S+\/reset-password#([A-Za-z0-9_-]{43}))/.exec(text);
    if (!match) throw new Error(`no reset link in: ${text}`);
    return match[2]!;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startTestApp({
      roles: ['web', 'worker'],
      demo: 'off',
      env: { EARSHOT_SMTP_URL: smtp.url, EARSHOT_MAIL_FROM: 'Earshot <earshot@example.test>', EARSHOT_PUBLIC_URL: 'http://earshot.example.test:8080' },
    });
    await insertUser(app.db, { email: EMAIL, name: 'Fay Forgetful', passwordHash: await hashPassword(OLD), role: 'agent' });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('answers the same for an unknown email, and mails nothing for it', async () => {
    const known = await post('/api/password-reset', { email: 'nobody@example.test' });
    expect(known.status).toBe(202);
    const unknownBody = known.body;
    const real = await post('/api/password-reset', { email: EMAIL.toUpperCase() });
    expect(real.status).toBe(202);
    expect(real.body).toBe(unknownBody);
    const mail = await waitFor('the reset email', async () => smtp.received.find((m) => m.subject === 'Reset your Earshot password'));
    expect((mail.to as { text: string }).text).toBe(EMAIL);
    // Every mail job has run (the unknown email was looked up first and queued nothing).
    await waitForQueueIdle(app.bus, 'sendPasswordReset');
    expect(smtp.received.filter((m) => (m.to as { text: string }).text.includes('nobody'))).toEqual([]);
    // Only the hash is stored.
    const token = linkIn(mail.text ?? '');
    const rows = await app.db.selectFrom('password_resets').select('token_hash').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toBeNull();
    expect(rows[0]!.token_hash).not.toBe(token);
    expect(mail.text).toContain('http://earshot.example.test:8080/reset-password#');
    smtp.received.length = 0;
  });

  it('sets the new password once, ends every session, and the old password stops working', async () => {
    const session = await signIn(OLD);
    expect(session.status).toBe(200);
    const cookie = String(session.headers['set-cookie']?.[0]).split(';')[0]!;
    expect((await rawRequest(app.url, 'GET', '/api/session', { headers: { cookie } })).status).toBe(200);

    expect((await post('/api/password-reset', { email: EMAIL })).status).toBe(202);
    const mail = await waitFor('the reset email', async () => smtp.received.find((m) => m.subject === 'Reset your Earshot password'));
    const token = linkIn(mail.text ?? '');

    const short = await post('/api/password-reset/confirm', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toContain('at least 10 characters');

    const done = await post('/api/password-reset/confirm', { token, password: 'brand-new-password' });
    expect(done.status, done.body).toBe(200);
    expect((await rawRequest(app.url, 'GET', '/api/session', { headers: { cookie } })).status).toBe(401);
    expect((await signIn(OLD)).status).toBe(401);
    expect((await signIn('brand-new-password')).status).toBe(200);

    const again = await post('/api/password-reset/confirm', { token, password: 'another-password-1' });
    expect(again.status).toBe(404);
    expect(again.body).toContain('Ask for a new one');
    expect((await signIn('brand-new-password')).status).toBe(200);

    const actions = await sql<{ action: string }>`select action from audit_log where action like 'user.password_reset%' order by id`.execute(app.db);
    expect(actions.rows.map((r) => r.action)).toEqual(['user.password_reset_requested', 'user.password_reset_requested', 'user.password_reset']);
    smtp.received.length = 0;
  });

  it('refuses an expired link', async () => {
    expect((await post('/api/password-reset', { email: EMAIL })).status).toBe(202);
    const first = linkIn((await waitFor('first email', async () => smtp.received[0])).text ?? '');
    await app.db.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000) }).where('used_at', 'is', null).execute();
    expect((await post('/api/password-reset/confirm', { token: first, password: 'expired-link-pass' })).status).toBe(404);
    const user = await findUserByEmail(app.db, EMAIL);
    expect(user).toBeDefined();
  });

  it('sends at most three emails an hour per account, answering the same and as fast as for no account', async () => {
    await app.db.deleteFrom('password_resets').execute();
    smtp.received.length = 0;
    const requested = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'user.password_reset_requested'`.execute(app.db)).rows[0]!.n;
    const requestedBefore = await requested();
    const answers = new Set<string>();
    const took: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 5; i++) {
      for (const kind of ['known', 'unknown'] as const) {
        const started = performance.now();
        answers.add((await post('/api/password-reset', { email: kind === 'known' ? EMAIL : `nobody${i}@example.test` })).body);
        took[kind].push(performance.now() - started);
      }
    }
    expect(answers.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // The lookup happens after the answer; on a shared, noisy machine allow some jitter.
    expect(Math.abs(median(took.known) - median(took.unknown))).toBeLessThan(40);
    await waitFor('three emails', async () => smtp.received.length >= 3);
    // All five asks for the account were looked up (each is audited, sent or not) and no mail job
    // is left: a fourth email would have been queued by now.
    await waitFor('the five asks to be looked up', async () => (await requested()) === requestedBefore + 5);
    await waitForQueueIdle(app.bus, 'sendPasswordReset');
    expect(smtp.received).toHaveLength(3);
  });

  it('throttles one address after twenty asks in 15 minutes, whatever the email', async () => {
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) status = (await post('/api/password-reset', { email: `someone${i}@example.test` })).status;
    expect(status).toBe(429);
    // Asked 2 + 1 + 1 + 10 times before this test: the 21st ask is the first refused.
    const asked = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'user.password_reset_requested'`.execute(app.db);
    expect(asked.rows[0]!.n).toBeGreaterThan(0);
  });
});
