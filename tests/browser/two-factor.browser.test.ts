import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '@earshot/db';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { nextTotpCode, totpCode } from '../support/totp-code.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';
import { seedUser } from '../support/factories.ts';

// A user turns on two-factor sign-in from their account page, then signs in with a code; an
// admin resets it from the Team page for a lost phone.

let app: TestApp;
const { openPage } = useBrowser();
const user = { email: 'phone-owner@example.test', password: 'phone-owner-password' };

beforeAll(async () => {
  app = await startTestApp({ roles: ['web'], demo: 'off' });
  await seedUser(app.db, { email: user.email, name: 'Phone Owner', password: user.password, role: 'agent' });
});

afterAll(async () => {
  await app?.stop();
});

describe('two-factor sign-in in the dashboard', () => {
  it('is set up on the account page, asked for at sign-in, and reset by an admin', async () => {
    const opened = await openPage();
    const { page } = opened;
    await signIn(page, app, '/account', user);
    await page.getByTestId('totp-start').click();
    const secret = await eventually(() => page.getByTestId('totp-secret').inputValue().catch(() => '')).toMatch(/^[A-Z2-7]{32}$/).then(() =>
      page.getByTestId('totp-secret').inputValue(),
    );
    await page.screenshot({ path: `${ARTIFACTS}two-factor-setup.png`, fullPage: true });
    // A code that is not 6 digits is refused under the field; a wrong one by the server, above the button.
    await page.getByTestId('totp-confirm-code').fill('12');
    await page.getByTestId('totp-confirm').click();
    await eventually(() => page.getByTestId('totp-code-error').textContent()).toBe('Enter the 6 digits your authenticator app shows');
    expect(await page.getByTestId('totp-confirm-code').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('totp-confirm-code').fill(totpCode(secret) === '000000' ? '111111' : '000000');
    await page.getByTestId('totp-code-error').waitFor({ state: 'detached' }); // the button moves up as it goes
    await page.getByTestId('totp-confirm').click();
    await eventually(() => page.getByTestId('totp-error').textContent()).toMatch(/does not match/);
    expect(await page.getByTestId('totp-code-error').count()).toBe(0);

    // While the code is checked the button says so and waits.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/account/totp/confirm', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('totp-confirm-code').fill(totpCode(secret));
    await page.getByTestId('totp-confirm').click();
    await eventually(() => page.getByTestId('totp-confirm').textContent()).toBe('Turning on…');
    expect(await page.getByTestId('totp-confirm').isDisabled()).toBe(true);
    release();
    await page.getByTestId('totp-on').waitFor();
    await page.unroute('**/api/account/totp/confirm');
    expect(await page.getByTestId('totp-error').count()).toBe(0);
    expect((await findUserByEmail(app.db, user.email))?.totp_secret).not.toBeNull();

    await page.getByTestId('sign-out').click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('totp-code').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}two-factor-sign-in.png` });
    await page.getByTestId('totp-code').fill(totpCode(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByTestId('sign-in-error').textContent()).toMatch(/wrong or was already used/);
    await page.getByTestId('totp-code').fill(nextTotpCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByTestId('signed-in-user').textContent()).toContain(user.email);

    // The admin resets it from the Team page.
    const admin = await openPage();
    await signIn(admin.page, app, '/team');
    const row = admin.page.locator(`[data-testid="team-row"][data-email="${user.email}"]`);
    await eventually(() => row.getByTestId('user-status').textContent()).toContain('two-factor on');
    await row.getByTestId('reset-totp').click();
    await eventually(async () => (await findUserByEmail(app.db, user.email))?.totp_secret).toBeNull();
    await eventually(() => row.getByTestId('reset-totp').count()).toBe(0);

    for (const o of [opened, admin]) {
      expect(o.dialogs).toEqual([]);
      expect(o.pageErrors).toEqual([]);
      expect(o.cspViolations).toEqual([]);
    }
  });
});
