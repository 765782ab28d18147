import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { User } from '@earshot/db';
import type { ApiTokenDto, AuditPage, MentionDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { seedUser } from '../support/factories.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

// API tokens for integrations: shown once, stored hashed, acting with the narrower of their
// role and their user's, last use recorded, revocable, dead with a disabled user.

describe('API tokens', () => {
  let app: TestApp;
  let admin: ApiClient;
  let agent: ApiClient;
  let agentUser: User;
  let mention: MentionDto;

  const bearer = async <T = unknown>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const create = async (client: ApiClient, name: string, role: string) => {
    const res = await client.request<{ apiToken: ApiTokenDto; token: string } & ErrorBody>('POST', '/api/tokens', { name, role });
    return res;
  };

  beforeAll(async () => {
    app = await startTestApp({ demo: 'on', demoPerMinute: 600 });
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
    agentUser = (await seedUser(app.db, { email: 'agent@example.test', name: 'Agent', password: 'agent-password-1', role: 'agent' })).user;
    agent = new ApiClient(app.url);
    await agent.signIn('agent@example.test', 'agent-password-1');
    mention = await waitFor('a demo mention', async () => (await agent.request<{ items: MentionDto[] }>('GET', '/api/mentions?status=all&limit=1')).body.items[0]);
  });
  afterAll(async () => app?.stop());

  it('is shown once, stored as a hash, and works as a bearer token with its role', async () => {
    const created = await create(agent, 'Helpdesk sync', 'agent');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.token).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    expect(created.body.apiToken).toMatchObject({ name: 'Helpdesk sync', role: 'agent', lastUsedAt: null, expiresAt: null });
    expect(JSON.stringify((await sql`select * from api_tokens`.execute(app.db)).rows)).not.toContain(created.body.token.slice(4));
    const listed = await agent.request<{ tokens: ApiTokenDto[] }>('GET', '/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const token = created.body.token;
    expect((await bearer(token, 'GET', '/api/mentions?status=all&limit=1')).status).toBe(200);
    const corrected = await bearer(token, 'POST', `/api/mentions/${mention.id}/corrections`, { field: 'priority', value: mention.priority === 1 ? 2 : 1 });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const forbidden = await bearer<ErrorBody>(token, 'POST', '/api/brands', { name: 'Not for agents' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/acts as agent, and this needs manager/);

    const used = (await agent.request<{ tokens: ApiTokenDto[] }>('GET', '/api/tokens')).body.tokens.find((t) => t.id === created.body.apiToken.id)!;
    expect(used.lastUsedAt).not.toBeNull();
    const entries = (await admin.request<AuditPage>('GET', '/api/audit?action=mention.corrected')).body.entries;
    expect(entries[0]?.actor).toEqual({ id: agentUser.id, label: 'agent@example.test (API token "Helpdesk sync")' });
  });

  it('cannot be above its user, and cannot manage tokens itself', async () => {
    const tooHigh = await create(agent, 'Power', 'manager');
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body.error.message).toMatch(/at most agent/);
    const { token } = (await create(agent, 'Reader', 'viewer')).body;
    expect((await bearer(token, 'POST', `/api/mentions/${mention.id}/replies`, { text: 'Hello from a viewer token', idempotencyKey: 'viewer-token-1' })).status).toBe(403);
    for (const [method, path, body] of [
      ['GET', '/api/tokens', undefined],
      ['POST', '/api/tokens', { name: 'Child', role: 'viewer' }],
    ] as const) {
      const res = await bearer<ErrorBody>(token, method, path, body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/API tokens cannot create, list or revoke API tokens/);
    }
  });

  it('narrows with its user\u2019s role, dies with a disabled user, on expiry and on revocation', async () => {
    const created = (await create(agent, 'Narrowed', 'agent')).body;
    const reply = (key: string) => bearer(created.token, 'POST', `/api/mentions/${mention.id}/replies`, { text: 'Thanks, looking into it.', idempotencyKey: key });
    expect((await admin.request('PATCH', `/api/users/${agentUser.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await reply('narrowed-0001')).status).toBe(403);
    expect((await admin.request('PATCH', `/api/users/${agentUser.id}`, { role: 'agent' })).status).toBe(200);
    expect((await reply('narrowed-0002')).status).toBe(202);

    expect((await admin.request('PATCH', `/api/users/${agentUser.id}`, { disabled: true })).status).toBe(200);
    expect((await bearer(created.token, 'GET', '/api/mentions')).status).toBe(401);
    expect((await admin.request('PATCH', `/api/users/${agentUser.id}`, { disabled: false })).status).toBe(200);
    expect((await bearer(created.token, 'GET', '/api/mentions')).status).toBe(200);

    await app.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1_000) }).where('id', '=', created.apiToken.id).execute();
    expect((await bearer(created.token, 'GET', '/api/mentions')).status).toBe(401);

    await agent.signIn('agent@example.test', 'agent-password-1');
    const live = (await create(agent, 'To revoke', 'viewer')).body;
    expect((await bearer(live.token, 'GET', '/api/mentions')).status).toBe(200);
    expect((await agent.request('DELETE', `/api/tokens/${live.apiToken.id}`)).status).toBe(204);
    const revoked = await bearer<ErrorBody>(live.token, 'GET', '/api/mentions');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toMatch(/unknown, revoked or expired/);
    // Someone else's token cannot be revoked by id.
    const other = (await create(admin, 'Admin own', 'admin')).body;
    expect((await agent.request('DELETE', `/api/tokens/${other.apiToken.id}`)).status).toBe(404);
    expect((await bearer(other.token, 'GET', '/api/audit')).status).toBe(200);

    const actions = (await admin.request<AuditPage>('GET', '/api/audit?limit=500')).body.entries.map((e) => e.action);
    expect(actions).toContain('api_token.created');
    expect(actions).toContain('api_token.revoked');
  });

  it('is refused when unknown or malformed', async () => {
    for (const header of ['Bearer esk_' + 'x'.repeat(43), 'Bearer short']) {
      const res = await fetch(`${app.url}/api/mentions`, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });
});
