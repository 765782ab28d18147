import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AuditPage, CreatedInvitation, InvitationDto, TeamUserDto, UserDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

// Team management through the real API: invitations (hashed, expiring, single use), roles,
// disabling (sessions end at once, sign-in refused), and the last admin kept.

describe('users and invitations', () => {
  let app: TestApp;
  let admin: ApiClient;

  const invite = async (email: string, role: string, expiresInDays?: number) => {
    const res = await admin.request<CreatedInvitation>('POST', '/api/invitations', { email, role, ...(expiresInDays ? { expiresInDays } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const accept = async (token: string, name: string, password: string) => {
    const client = new ApiClient(app.url);
    const res = await client.request<{ user: UserDto } & ErrorBody>('POST', '/api/invitations/accept', { token, name, password });
    return { client, res };
  };
  const users = async () => (await admin.request<{ users: TeamUserDto[] }>('GET', '/api/users')).body.users;
  const auditActions = async () => (await admin.request<AuditPage>('GET', '/api/audit?limit=500')).body.entries;

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
  });
  afterAll(async () => app?.stop());

  it('invites by link: shown once, stored hashed, accepted once, and the new user is signed in with the invited role', async () => {
    const created = await invite('New.Agent@Example.test', 'agent');
    expect(created.path).toBe(`/invite/${created.token}`);
    expect(created.invitation).toMatchObject({ email: 'new.agent@example.test', role: 'agent' });
    expect(Date.parse(created.invitation.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const stored = JSON.stringify((await sql`select * from invitations`.execute(app.db)).rows);
    expect(stored).not.toContain(created.token);
    const listed = (await admin.request<{ invitations: InvitationDto[] }>('GET', '/api/invitations')).body.invitations;
    expect(listed.map((i) => i.email)).toEqual(['new.agent@example.test']);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const preview = await new ApiClient(app.url).request<{ invitation: InvitationDto }>('POST', '/api/invitations/preview', { token: created.token });
    expect(preview.body.invitation).toMatchObject({ email: 'new.agent@example.test', role: 'agent' });

    const short = await accept(created.token, 'New Agent', 'short');
    expect(short.res.status).toBe(400);
    expect(short.res.body.error.message).toMatch(/at least 10 characters/);

    const { client, res } = await accept(created.token, 'New Agent', 'a-good-long-password');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'new.agent@example.test', name: 'New Agent', role: 'agent' });
    expect((await client.request<{ user: UserDto }>('GET', '/api/session')).body.user.email).toBe('new.agent@example.test');
    const again = await accept(created.token, 'Someone Else', 'another-long-password');
    expect(again.res.status).toBe(409);
    expect(again.res.body.error.message).toMatch(/already been used/);
    const signIn = new ApiClient(app.url);
    await signIn.signIn('new.agent@example.test', 'a-good-long-password');
    expect((await admin.request<{ invitations: InvitationDto[] }>('GET', '/api/invitations')).body.invitations).toEqual([]);

    const entries = await auditActions();
    expect(entries.find((e) => e.action === 'user.invited')).toMatchObject({ actor: { label: app.adminEmail }, details: { email: 'new.agent@example.test', role: 'agent' } });
    expect(entries.find((e) => e.action === 'invitation.accepted')).toMatchObject({ actor: { id: res.body.user.id, label: 'new.agent@example.test' } });
  });

  it('refuses unknown, expired and withdrawn links, and inviting an existing account', async () => {
    const unknown = await accept('x'.repeat(43), 'Nobody', 'a-good-long-password');
    expect(unknown.res.status).toBe(404);
    expect(unknown.res.body.error.message).toMatch(/not valid/);

    const expiring = await invite('late@example.test', 'viewer');
    await app.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1_000) }).where('id', '=', expiring.invitation.id).execute();
    const late = await accept(expiring.token, 'Late', 'a-good-long-password');
    expect(late.res.status).toBe(409);
    expect(late.res.body.error.message).toMatch(/expired/);

    const withdrawn = await invite('withdrawn@example.test', 'viewer');
    expect((await admin.request('DELETE', `/api/invitations/${withdrawn.invitation.id}`)).status).toBe(204);
    const afterWithdraw = await accept(withdrawn.token, 'W', 'a-good-long-password');
    expect(afterWithdraw.res.status).toBe(409);
    expect(afterWithdraw.res.body.error.message).toMatch(/withdrawn/);
    expect((await users()).map((u) => u.email)).not.toContain('withdrawn@example.test');

    const existing = await admin.request<ErrorBody>('POST', '/api/invitations', { email: app.adminEmail, role: 'agent' });
    expect(existing.status).toBe(409);
    const badRole = await admin.request<ErrorBody>('POST', '/api/invitations', { email: 'x@example.test', role: 'owner' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.message).toMatch(/role must be viewer, agent, manager or admin/);
  });

  it('changes roles, and disabling ends the user\u2019s sessions at once and refuses sign-in', async () => {
    const created = await invite('soon-gone@example.test', 'viewer');
    const { client, res } = await accept(created.token, 'Soon Gone', 'a-good-long-password');
    const id = res.body.user.id;
    expect((await client.request('POST', '/api/brands', { name: 'Nope' })).status).toBe(403);

    const promoted = await admin.request<{ user: TeamUserDto }>('PATCH', `/api/users/${id}`, { role: 'manager' });
    expect(promoted.body.user.role).toBe('manager');
    // The role is read per request: the open session gets it at once.
    expect((await client.request('POST', '/api/brands', { name: 'Now allowed' })).status).toBe(201);

    const disabled = await admin.request<{ user: TeamUserDto }>('PATCH', `/api/users/${id}`, { disabled: true });
    expect(disabled.body.user.disabledAt).not.toBeNull();
    expect((await client.request('GET', '/api/session')).status).toBe(401);
    const [{ n }] = (await sql<{ n: number }>`select count(*)::int as n from sessions where user_id = ${id}`.execute(app.db)).rows as [{ n: number }];
    expect(n).toBe(0);
    const again = await new ApiClient(app.url).request<ErrorBody>('POST', '/api/session', { email: 'soon-gone@example.test', password: 'a-good-long-password' });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/disabled/);

    expect((await admin.request('PATCH', `/api/users/${id}`, { disabled: false })).status).toBe(200);
    await new ApiClient(app.url).signIn('soon-gone@example.test', 'a-good-long-password');

    const entries = (await auditActions()).filter((e) => e.target?.id === id).map((e) => [e.action, e.details.from ?? null, e.details.to ?? null]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['user.role_changed', 'viewer', 'manager'],
        ['user.disabled', null, null],
        ['user.enabled', null, null],
      ]),
    );
    const empty = await admin.request<ErrorBody>('PATCH', `/api/users/${id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/Nothing to change/);
  });

  it('never leaves Earshot without an active admin', async () => {
    const me = (await admin.request<{ user: UserDto }>('GET', '/api/session')).body.user;
    for (const change of [{ role: 'manager' }, { disabled: true }]) {
      const res = await admin.request<ErrorBody>('PATCH', `/api/users/${me.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/last active admin/);
    }
    // With a second admin, the first may step down; then the second is the last.
    const created = await invite('second-admin@example.test', 'admin');
    const second = await accept(created.token, 'Second Admin', 'a-good-long-password');
    expect((await admin.request('PATCH', `/api/users/${me.id}`, { role: 'manager' })).status).toBe(200);
    const refused = await second.client.request<ErrorBody>('PATCH', `/api/users/${second.res.body.user.id}`, { disabled: true });
    expect(refused.status).toBe(409);
    // Two admins demoting each other at once: exactly one succeeds.
    expect((await second.client.request('PATCH', `/api/users/${me.id}`, { role: 'admin' })).status).toBe(200);
    const results = await Promise.all([
      admin.request('PATCH', `/api/users/${second.res.body.user.id}`, { role: 'agent' }),
      second.client.request('PATCH', `/api/users/${me.id}`, { role: 'agent' }),
    ]);
    // The loser is refused either by the lock (409, both past the access check) or, when the
    // winner committed first, by the access check itself (403: no longer an admin).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = (await sql<{ n: number }>`select count(*)::int as n from users where role = 'admin' and disabled_at is null`.execute(app.db)).rows[0]!;
    expect(admins.n).toBe(1);
  });
});
