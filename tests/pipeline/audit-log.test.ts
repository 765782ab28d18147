import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig, platformDefinitions } from 'earshot';
import type { AuditEntryDto, AuditPage, MentionDto, SlaPolicyDto, StreamDto, UserDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { credentialValuesFor } from '../support/credential-values.ts';
import { rawRequest } from '../support/raw-http.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { seedUser } from '../support/factories.ts';

// The audit log is written by the real routes, in the request that did the thing, and read back
// by admins through the API (filters, keyset pages) and as CSV.

describe('audit log', () => {
  let app: TestApp;
  let admin: ApiClient;
  let adminUser: UserDto;
  let mention: MentionDto;
  let streamId: string;
  let brandId: string;
  let channelId: string;
  const replyText = `Sorry about that, audit ${Date.now()}: we are on it.`;
  let credentials: Record<string, string>;

  const entries = async (query = ''): Promise<AuditEntryDto[]> => {
    const res = await admin.request<AuditPage>('GET', `/api/audit?limit=500${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.entries;
  };

  beforeAll(async () => {
    app = await startTestApp({ demo: 'on', demoPerMinute: 600 });
    admin = new ApiClient(app.url);
    const probe = new ApiClient(app.url);
    await probe.signIn(app.adminEmail, app.adminPassword);
    mention = await waitFor('a demo mention', async () => (await probe.request<{ items: MentionDto[] }>('GET', '/api/mentions?status=all&limit=1')).body.items[0]);
    // The actions under test, each through its real route.
    expect((await admin.request('POST', '/api/session', { email: app.adminEmail, password: 'not-the-password' })).status).toBe(401);
    expect((await admin.request('POST', '/api/session', { email: 'nobody@example.test', password: 'whatever-it-is' })).status).toBe(401);
    await admin.signIn(app.adminEmail, app.adminPassword);
    adminUser = (await admin.request<{ user: UserDto }>('GET', '/api/session')).body.user;

    const brand = await admin.request<{ brand: { id: string } }>('POST', '/api/brands', { name: 'Audited Air' });
    brandId = brand.body.brand.id;
    const stream = await admin.request<{ stream: StreamDto }>('POST', '/api/streams', {
      brandId,
      platform: 'demo',
      name: 'Audited stream',
      query: { startedAt: new Date().toISOString(), perMinute: 1, backlog: 0 },
    });
    expect(stream.status, JSON.stringify(stream.body)).toBe(201);
    streamId = stream.body.stream.id;
    expect((await admin.request('PATCH', `/api/streams/${streamId}`, { name: 'Audited stream, renamed', enabled: false })).status).toBe(200);

    const x = platformDefinitions(loadConfig({}, { dotenv: false })).find((d) => d.platform === 'x')!;
    credentials = credentialValuesFor(x);
    expect((await admin.request('PUT', '/api/connections/x', { credentials })).status).toBe(200);
    expect((await admin.request('DELETE', '/api/connections/x')).status).toBe(204);

    const policy = (await admin.request<{ policy: SlaPolicyDto }>('GET', `/api/brands/${brandId}/sla-policy`)).body.policy;
    const { brandId: _ignored, ...body } = policy;
    expect((await admin.request('PUT', `/api/brands/${brandId}/sla-policy`, { ...body, targetsMinutes: { ...body.targetsMinutes, P1: 17 } })).status).toBe(200);

    const channel = await admin.request<{ channel: { id: string } }>('POST', '/api/notification-channels', { kind: 'email', brandId, name: 'Audited channel', config: { recipients: ['team@example.test'] } });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    channelId = channel.body.channel.id;
    expect((await admin.request('PATCH', `/api/notification-channels/${channelId}`, { name: 'Audited channel, renamed' })).status).toBe(200);
    expect((await admin.request('DELETE', `/api/notification-channels/${channelId}`)).status).toBe(204);

    expect((await admin.request('POST', `/api/mentions/${mention.id}/replies`, { text: replyText, idempotencyKey: 'audit-reply-0001' })).status).toBe(202);
    // A retry with the same key stores nothing new, and records nothing new.
    expect((await admin.request('POST', `/api/mentions/${mention.id}/replies`, { text: replyText, idempotencyKey: 'audit-reply-0001' })).status).toBe(202);
    const to = mention.sentiment === 'negative' ? 'positive' : 'negative';
    expect((await admin.request('POST', `/api/mentions/${mention.id}/corrections`, { field: 'sentiment', value: to })).status).toBe(200);
  });
  afterAll(async () => app?.stop());

  it('records each action with who did it, from where, what it touched and its details', async () => {
    const all = await entries();
    const one = (action: string) => {
      const found = all.filter((e) => e.action === action);
      expect(found, action).toHaveLength(1);
      return found[0]!;
    };
    const failed = all.filter((e) => e.action === 'session.sign_in_failed');
    expect(failed.map((e) => [e.actor.label, e.actor.id, e.details.reason]).sort()).toEqual([
      [app.adminEmail, null, 'wrong password'],
      ['nobody@example.test', null, 'unknown account'],
    ]);
    const signIns = all.filter((e) => e.action === 'session.sign_in');
    expect(signIns.length).toBeGreaterThanOrEqual(2);
    expect(signIns[0]).toMatchObject({ actor: { id: adminUser.id, label: app.adminEmail }, clientAddress: '127.0.0.1' });

    expect(one('brand.created')).toMatchObject({ actor: { id: adminUser.id }, brandId, target: { type: 'brand', id: brandId }, details: { name: 'Audited Air' } });
    expect(one('stream.created')).toMatchObject({ brandId, target: { type: 'stream', id: streamId }, details: { name: 'Audited stream', platform: 'demo' } });
    expect(one('stream.updated')).toMatchObject({ brandId, details: { changes: { name: 'Audited stream, renamed', enabled: false } } });
    expect(one('credentials.saved')).toMatchObject({ target: { type: 'platform', id: 'x' }, details: { platform: 'x', fields: Object.keys(credentials).sort() } });
    expect(one('credentials.removed')).toMatchObject({ details: { platform: 'x' } });
    expect(one('sla_policy.saved')).toMatchObject({ brandId, details: { policy: { targetsMinutes: { P1: 17 } } } });
    expect(one('reply.sent')).toMatchObject({ brandId: mention.brandId, details: { mentionId: mention.id, text: replyText } });
    expect(one('mention.corrected')).toMatchObject({
      target: { type: 'mention', id: mention.id },
      brandId: mention.brandId,
      details: { field: 'sentiment', from: mention.sentiment },
    });
    expect(one('notification_channel.created')).toMatchObject({ brandId, target: { type: 'notification_channel', id: channelId }, details: { name: 'Audited channel', kind: 'email' } });
    expect(one('notification_channel.updated')).toMatchObject({ brandId, details: { name: 'Audited channel, renamed', changed: ['name'] } });
    expect(one('notification_channel.deleted')).toMatchObject({ target: { type: 'notification_channel', id: channelId } });
    for (const e of all) {
      expect(e.clientAddress).toBe('127.0.0.1');
    }
  });

  it('never holds a credential value', async () => {
    const stored = JSON.stringify((await sql`select * from audit_log`.execute(app.db)).rows);
    for (const value of Object.values(credentials)) expect(stored).not.toContain(value);
    expect(stored).not.toContain('not-the-password');
  });

  it('filters by actor, action, brand and time, and pages without gaps or repeats', async () => {
    const all = await entries();
    expect((await entries(`&action=reply.sent`)).map((e) => e.id)).toEqual(all.filter((e) => e.action === 'reply.sent').map((e) => e.id));
    expect((await entries(`&brandId=${brandId}`)).map((e) => e.action).sort()).toEqual([
      'brand.created',
      'notification_channel.created',
      'notification_channel.updated',
      'sla_policy.saved',
      'stream.created',
      'stream.updated',
    ]);
    expect((await entries(`&actorId=${adminUser.id}`)).map((e) => e.id)).toEqual(all.filter((e) => e.actor.id === adminUser.id).map((e) => e.id));
    const middle = all[Math.floor(all.length / 2)]!;
    const later = await entries(`&from=${encodeURIComponent(middle.at)}`);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => e.at >= middle.at)).toBe(true);
    const earlier = await entries(`&to=${encodeURIComponent(middle.at)}`);
    expect(earlier.every((e) => e.at < middle.at)).toBe(true);
    expect(later.length + earlier.length).toBe(all.length);
    const today = new Date().toISOString().slice(0, 10);
    expect(await entries(`&from=${today}&to=${today}`)).toHaveLength(all.length);

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: AuditPage } = await admin.request<AuditPage>('GET', `/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.entries.length).toBeLessThanOrEqual(3);
      paged.push(...res.body.entries.map((e) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((e) => e.id));

    const bad = await admin.request<{ error: { message: string } }>('GET', '/api/audit?from=yesterday&actorId=me');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/actorId: actorId must be a user id/);
    expect(bad.body.error.message).toMatch(/from: use a date/);
  });

  it('exports every matching entry as CSV', async () => {
    const all = await entries();
    const cookie = (admin as unknown as { cookie: string }).cookie;
    const res = await rawRequest(app.url, 'GET', '/api/audit.csv', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="earshot-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor,action,target_type,target_id,brand_id,client_address,details');
    // One line per entry: no field of these entries holds a line break.
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(all.map((e) => e.id));
    expect(res.body).toContain(replyText);
    const filtered = await rawRequest(app.url, 'GET', '/api/audit.csv?action=reply.sent', { headers: { cookie } });
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('is for admins only', async () => {
    await seedUser(app.db, { email: 'manager@example.test', name: 'Manager', password: 'manager-password-1', role: 'manager' });
    const manager = new ApiClient(app.url);
    await manager.signIn('manager@example.test', 'manager-password-1');
    expect((await manager.request('GET', '/api/audit')).status).toBe(403);
    expect((await manager.request('GET', '/api/audit.csv')).status).toBe(403);
  });
});
