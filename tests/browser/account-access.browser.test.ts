import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMentionsCounted } from '@earshot/db';
import { buildMention, seedBrand, seedUser } from '../support/factories.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// In Debian's Chromium: "Forgot your password?" from the sign-in page, the emailed link (through
// a real SMTP server on loopback), a new password, and signing in with it; and an admin limiting
// a user to one brand on the Team page, after which that user's inbox shows only that brand.

let app: TestApp;
let smtp: SmtpSink;
const { openPage } = useBrowser();

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await startTestApp({
    roles: ['web', 'worker'],
    demo: 'off',
    env: { EARSHOT_SMTP_URL: smtp.url, EARSHOT_MAIL_FROM: 'Earshot <earshot@example.test>' },
  });
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('account access in the browser', () => {
  it('resets a forgotten password from the sign-in page through the emailed link', async () => {
    await seedUser(app.db, { email: 'fay@example.test', name: 'Fay', password: 'the-old-password', role: 'agent' });
    const { page, dialogs, pageErrors, cspViolations } = await openPage();
    await page.goto(app.url);
    await page.getByTestId('email').fill('fay@example.test');
    await page.getByTestId('forgot-password').click();
    // The email typed so far is carried over.
    expect(await page.getByTestId('forgot-email').inputValue()).toBe('fay@example.test');
    await page.getByTestId('forgot-submit').click();
    await eventually(() => page.getByTestId('forgot-sent').textContent()).toContain('If that email has an Earshot account');
    await page.screenshot({ path: `${ARTIFACTS}password-forgot-sent.png` });

    const mail = await waitFor('the reset email', async () => smtp.received.find((m) => m.subject === 'Reset your Earshot password'));
    const link = /(http:\/\/\S+\/reset-password#[A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    // The link names the dashboard this test serves (EARSHOT_PUBLIC_URL defaults to localhost:PORT).
    const opened = new URL(link!);
    await page.goto(new URL(`${opened.pathname}${opened.hash}`, app.url).href);
    await page.getByTestId('reset-form').waitFor();
    await page.getByTestId('reset-password').fill('a-brand-new-password');
    await page.getByTestId('reset-password-again').fill('a-different-password');
    await page.getByTestId('reset-submit').click();
    await eventually(() => page.getByTestId('reset-error').textContent()).toContain('differ');
    await page.getByTestId('reset-password-again').fill('a-brand-new-password');
    await page.screenshot({ path: `${ARTIFACTS}password-reset-form.png` });
    await page.getByTestId('reset-submit').click();
    await eventually(() => page.getByTestId('sign-in-notice').textContent()).toContain('Your password is changed');
    // The token is gone from the address bar.
    expect(new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.screenshot({ path: `${ARTIFACTS}password-reset-done.png` });

    await page.getByTestId('email').fill('fay@example.test');
    await page.getByTestId('password').fill('a-brand-new-password');
    await page.getByTestId('sign-in').click();
    await eventually(() => page.getByTestId('signed-in-user').textContent()).toContain('fay@example.test');

    // The same link a second time: refused, in words.
    const again = await openPage({ width: 390, height: 844 });
    await again.page.goto(new URL(`${opened.pathname}${opened.hash}`, app.url).href);
    await again.page.getByTestId('reset-password').fill('yet-another-password');
    await again.page.getByTestId('reset-password-again').fill('yet-another-password');
    await again.page.getByTestId('reset-submit').click();
    await eventually(() => again.page.getByTestId('reset-error').textContent()).toContain('does not work any more');
    await again.page.screenshot({ path: `${ARTIFACTS}password-reset-used-link-phone.png` });

    expect([...dialogs, ...pageErrors, ...cspViolations, ...again.dialogs, ...again.pageErrors, ...again.cspViolations]).toEqual([]);
  });

  it('limits a user to one brand from the Team page; their inbox then shows only that brand', async () => {
    const acme = (await seedBrand(app.db, 'Acme Kettles')).id;
    const globex = (await seedBrand(app.db, 'Globex Toasters')).id;
    await insertMentionsCounted(app.db, [
      buildMention(acme, { text: 'Acme kettle leaks everywhere', status: 'open' }),
      buildMention(globex, { text: 'Globex toaster caught fire', status: 'open' }),
    ]);
    await seedUser(app.db, { email: 'lee@example.test', name: 'Lee Limited', password: 'lee-long-password', role: 'agent' });

    const admin = await openPage();
    await signIn(admin.page, app, '/team');
    const row = admin.page.locator('[data-testid="team-row"][data-email="lee@example.test"]');
    await row.waitFor();
    expect(await row.getByTestId('user-brands-summary').textContent()).toBe('All brands');
    await row.getByTestId('edit-user-brands').click();
    await row.locator('[data-testid="user-brand-option"][data-brand="Acme Kettles"]').check();
    await admin.page.screenshot({ path: `${ARTIFACTS}team-brand-limit-edit.png`, fullPage: true });
    await row.getByTestId('save-user-brands').click();
    await eventually(() => row.getByTestId('user-brands-summary').textContent()).toBe('Acme Kettles');
    await admin.page.screenshot({ path: `${ARTIFACTS}team-brand-limit-saved.png`, fullPage: true });

    const lee = await openPage();
    await signIn(lee.page, app, '/', { email: 'lee@example.test', password: 'lee-long-password' });
    await eventually(() => lee.page.locator('body').textContent()).toContain('Acme kettle leaks everywhere');
    expect(await lee.page.locator('body').textContent()).not.toContain('Globex');
    await lee.page.screenshot({ path: `${ARTIFACTS}inbox-limited-to-one-brand.png` });
    expect([...admin.pageErrors, ...admin.cspViolations, ...lee.pageErrors, ...lee.cspViolations]).toEqual([]);
  });
});
