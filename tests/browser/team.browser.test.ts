import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '@earshot/db';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { ARTIFACTS, eventually, signIn, useBrowser } from './harness.ts';

// An admin invites someone from the Team page; the invitee opens the link in a browser of
// their own, joins and is signed in; the admin changes their role and sees it all on the
// Audit page; disabling them ends their open session.

let app: TestApp;
const { openPage } = useBrowser();

beforeAll(async () => {
  app = await startTestApp({ roles: ['web'], demo: 'off' });
});

afterAll(async () => {
  await app?.stop();
});

describe('team and audit pages', () => {
  it('invites a user who joins by the link, and the audit page lists it', async () => {
    const admin = await openPage();
    await signIn(admin.page, app);
    await admin.page.getByTestId('nav-team').click();
    expect(new URL(admin.page.url()).pathname).toBe('/team');
    await admin.page.getByTestId('team-table').waitFor();
    expect(await admin.page.getByTestId('team-row').count()).toBe(1);

    // A mistyped address is refused under the field, before any request.
    await admin.page.getByTestId('invite-email').fill('newbie at example.test');
    await admin.page.getByTestId('invite-submit').click();
    await eventually(() => admin.page.getByTestId('invite-email-error').textContent()).toBe('Enter an email address such as name@example.com');
    expect(await admin.page.getByTestId('invite-email').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.page.getByTestId('open-invitation').count()).toBe(0);

    // While the link is made the button says so and cannot be pressed twice.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await admin.page.route('**/api/invitations', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await admin.page.getByTestId('invite-email').fill('newbie@example.test');
    await admin.page.getByTestId('invite-email-error').waitFor({ state: 'detached' }); // the button moves up as it goes
    await admin.page.getByTestId('invite-role').selectOption('agent');
    await admin.page.getByTestId('invite-submit').click();
    await eventually(() => admin.page.getByTestId('invite-submit').textContent()).toBe('Creating link…');
    expect(await admin.page.getByTestId('invite-submit').isDisabled()).toBe(true);
    expect(await admin.page.getByTestId('invite-email-error').count()).toBe(0);
    const answered = admin.page.waitForResponse((r) => r.url().endsWith('/api/invitations') && r.request().method() === 'POST');
    release();
    await answered;
    await admin.page.unroute('**/api/invitations');
    const link = await eventually(() => admin.page.getByTestId('invite-link').inputValue().catch(() => '')).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/).then(() =>
      admin.page.getByTestId('invite-link').inputValue(),
    );
    expect(new URL(link).origin).toBe(new URL(app.url).origin);
    await admin.page.getByTestId('open-invitation').waitFor();
    expect(await admin.page.getByTestId('open-invitation').textContent()).toContain('newbie@example.test');
    await admin.page.screenshot({ path: `${ARTIFACTS}team-invite.png`, fullPage: true });

    // The invitee, in a browser profile of their own.
    const invitee = await openPage();
    await invitee.page.goto(link);
    await eventually(() => invitee.page.getByTestId('invitation-summary').textContent()).toContain('newbie@example.test');
    expect(await invitee.page.getByTestId('invitation-summary').textContent()).toContain('agent');
    await invitee.page.getByLabel('Your name').fill('Nina Newbie');
    await invitee.page.getByLabel('Password', { exact: true }).fill('nina-long-password');
    await invitee.page.getByLabel('Password again').fill('nina-long-password');
    await invitee.page.screenshot({ path: `${ARTIFACTS}team-accept-invitation.png` });
    await invitee.page.getByTestId('accept-invitation').click();
    await eventually(() => invitee.page.getByTestId('signed-in-user').textContent()).toContain('newbie@example.test');
    expect(await invitee.page.getByTestId('signed-in-user').textContent()).toContain('agent');
    // The used link is gone from the address bar; agents see no admin pages.
    expect(new URL(invitee.page.url()).pathname).toBe('/');
    expect(await invitee.page.getByTestId('nav-team').count()).toBe(0);

    // The same link does not work twice.
    const again = await openPage();
    await again.page.goto(link);
    await eventually(() => again.page.getByTestId('invitation-problem').textContent()).toMatch(/already been used/);

    // The admin sees the new user and makes them a viewer.
    await admin.page.reload();
    const row = admin.page.locator('[data-testid="team-row"][data-email="newbie@example.test"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Nina Newbie');
    await row.getByTestId('role-select').selectOption('viewer');
    await eventually(async () => (await findUserByEmail(app.db, 'newbie@example.test'))?.role).toBe('viewer');
    // The last admin cannot demote themselves: the page says why.
    const me = admin.page.locator(`[data-testid="team-row"][data-email="${app.adminEmail}"]`);
    await me.getByTestId('role-select').selectOption('manager');
    await eventually(() => me.getByTestId('row-error').textContent()).toMatch(/last active admin/);
    expect((await findUserByEmail(app.db, app.adminEmail))?.role).toBe('admin');

    // The audit page lists it all, and filters.
    await admin.page.getByTestId('nav-audit').click();
    await admin.page.getByTestId('audit-table').waitFor();
    const actions = async () => admin.page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    await eventually(actions).toEqual(expect.arrayContaining(['user.invited', 'invitation.accepted', 'user.role_changed', 'session.sign_in']));
    const accepted = admin.page.locator('[data-testid="audit-row"][data-action="invitation.accepted"]');
    expect(await accepted.textContent()).toContain('newbie@example.test');
    await admin.page.screenshot({ path: `${ARTIFACTS}audit-page.png`, fullPage: true });
    await admin.page.getByTestId('audit-action').selectOption('user.role_changed');
    await admin.page.getByTestId('audit-apply').click();
    await eventually(actions).toEqual(['user.role_changed']);
    expect(await admin.page.getByTestId('audit-row').textContent()).toContain('agent → viewer');
    expect(await admin.page.getByTestId('audit-export').getAttribute('href')).toBe('/api/audit.csv?action=user.role_changed');

    // The invitee makes an API token for an integration on their account page; it works once copied.
    await invitee.page.getByTestId('signed-in-user').click();
    expect(new URL(invitee.page.url()).pathname).toBe('/account');
    await invitee.page.getByLabel('Name (what uses it)').fill('Helpdesk');
    // Offered up to the role the page was loaded with (agent); they are a viewer now, so choose that.
    expect(await invitee.page.getByLabel('Role').locator('option').allTextContents()).toEqual(['viewer', 'agent']);
    await invitee.page.getByLabel('Role').selectOption('viewer');
    // An expiry of no days is refused under its field, in words.
    await invitee.page.getByLabel('Expires after (days)').fill('0');
    await invitee.page.getByRole('button', { name: 'Create token' }).click();
    await eventually(() => invitee.page.getByTestId('token-days-error').textContent()).toBe('Expires after (days) must be at least 1');
    expect(await invitee.page.getByTestId('token-row').count()).toBe(0);
    await invitee.page.getByLabel('Expires after (days)').fill('');
    await invitee.page.getByTestId('token-days-error').waitFor({ state: 'detached' }); // the button moves up as it goes
    await invitee.page.getByRole('button', { name: 'Create token' }).click();
    const token = await eventually(() => invitee.page.locator('#new-token').inputValue().catch(() => '')).toMatch(/^esk_/).then(() => invitee.page.locator('#new-token').inputValue());
    await eventually(() => invitee.page.getByTestId('token-row').count()).toBe(1);
    expect(await invitee.page.getByTestId('token-row').textContent()).toContain('Helpdesk');
    await invitee.page.screenshot({ path: `${ARTIFACTS}account-api-token.png`, fullPage: true });
    const viaToken = await fetch(`${app.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await viaToken.json()) as { user: { email: string; role: string } }).user).toMatchObject({ email: 'newbie@example.test', role: 'viewer' });

    // Disabling ends the invitee's open session: their next request sends them to sign-in.
    await admin.page.getByTestId('nav-team').click();
    await row.getByTestId('disable-user').click();
    await eventually(() => row.getByTestId('user-status').textContent()).toMatch(/^Disabled/);
    await invitee.page.reload();
    await eventually(() => invitee.page.getByTestId('sign-in-form').count()).toBe(1);
    expect((await fetch(`${app.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    for (const opened of [admin, invitee, again]) {
      expect(opened.dialogs).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.cspViolations).toEqual([]);
    }
  });
});
