import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { insertMentionsCounted, insertNotification, insertPasswordReset, insertUserNotices, setPasswordResetToken } from '@earshot/db';
import { buildMention } from '@earshot/db/testing';
import { rawRequest, type RawResponse } from '../support/raw-http.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { nextTotpCode, totpCode } from '../support/totp-code.ts';
import { createHash, randomBytes } from 'node:crypto';

// The OpenAPI document tells the truth about answers: every JSON route has a real schema of its
// success answer (not a type name), and each route, called as an admin over seeded data (a
// mention with a reply, a note and a tag, alerts, an incident, a report, users, a token…),
// answers what the served /api/openapi.json says, checked with a JSON-Schema validator.
// A route without a schema, or one this test does not call, fails it by name.

// These answer no JSON body: a 204, a file, the event stream, the dashboard, the document itself.
const NO_JSON_ANSWER: Record<string, string> = {
  'DELETE /api/session': '204',
  'DELETE /api/sessions': '204',
  'DELETE /api/connections/:platform': '204',
  'DELETE /api/invitations/:id': '204',
  'DELETE /api/tokens/:id': '204',
  'DELETE /api/users/:id/totp': '204',
  'DELETE /api/notification-channels/:id': '204',
  'POST /api/notices/read': '204',
  'DELETE /api/mentions/:id/tags/:tagId': '204',
  'DELETE /api/saved-views/:id': '204',
  'DELETE /api/saved-replies/:id': '204',
  'DELETE /api/streams/:id': '204',
  'DELETE /api/brands/:id': '204',
  'GET /api/events': 'text/event-stream',
  'GET /api/reports/:id/report.csv': 'text/csv',
  'GET /api/reports/:id/report.pdf': 'application/pdf',
  'GET /api/reports/:id/mentions.csv': 'text/csv',
  'GET /api/audit.csv': 'text/csv',
  'GET /api/openapi.json': 'the document itself',
  'GET /api/docs': 'text/html',
  'GET /*': 'text/html',
};

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}
type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
interface AjvLike {
  compile(schema: Json): ValidateFn;
}
// Both are CommonJS; their default exports arrive wrapped under ESM.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (options: object) => AjvLike;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: AjvLike) => AjvLike;

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/\*$/, '/{path}');
const sha256url = (s: string) => createHash('sha256').update(s).digest('base64url');

/** The documented success answer of a route: its status and its JSON schema, if any. */
function successOf(op: Operation): { status: string; schema: Json | undefined } {
  const status = Object.keys(op.responses).find((s) => s.startsWith('2')) ?? '?';
  return { status, schema: op.responses[status]?.content?.['application/json']?.schema };
}

describe('the OpenAPI document describes every answer the server sends', () => {
  let app: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>> };
  let cookie = '';
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web', 'worker'], demo: 'off' });
    doc = JSON.parse((await rawRequest(app.url, 'GET', '/api/openapi.json')).body) as typeof doc;
  });
  afterAll(async () => app?.stop());

  const operationOf = (key: string): Operation | undefined => {
    const [method, url] = key.split(' ') as [string, string];
    return doc.paths[openApiPath(url)]?.[method.toLowerCase()];
  };

  it('gives every JSON route a schema of its answer, and names each route without one', () => {
    const problems: string[] = [];
    for (const route of app.earshot.routes.filter((r) => r.method !== 'HEAD')) {
      const key = `${route.method} ${route.url}`;
      const op = operationOf(key);
      if (!op) {
        problems.push(`${key}: not in the document`);
        continue;
      }
      const { status, schema } = successOf(op);
      if (key in NO_JSON_ANSWER) {
        if (schema && !('x-earshot-type' in schema) && key !== 'GET /api/openapi.json') problems.push(`${key}: listed as answering no JSON, yet documented with a JSON schema`);
        continue;
      }
      if (status === '204') problems.push(`${key}: documented as 204; add it to NO_JSON_ANSWER if it answers no body`);
      else if (!schema || 'x-earshot-type' in schema || Object.keys(schema).length === 0) {
        problems.push(`${key}: its answer has no schema; add one to ROUTE_RESPONSES in web/src/server/openapi/route-responses.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers each route, called with seeded data, exactly as the document says', async () => {
    const called = new Set<string>();
    const checked = new Set<string>();
    const problems: string[] = [];

    /** Calls a route (`key` names it as registered) and checks its answer against the document. */
    const call = async <T = Json>(key: string, path: string, body?: unknown, auth: 'admin' | 'none' = 'admin'): Promise<T> => {
      const [method] = key.split(' ') as [string];
      const res: RawResponse = await rawRequest(app.url, method, path, {
        headers: { ...(auth === 'admin' && cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const op = operationOf(key);
      if (!op) throw new Error(`${key}: not in the document`);
      const { status, schema } = successOf(op);
      if (String(res.status) !== status) {
        throw new Error(`${key} (${path}): answered ${res.status}, the document says ${status}: ${res.body.slice(0, 300)}`);
      }
      if (!String(res.headers['content-type']).startsWith('application/json')) problems.push(`${key}: answered ${String(res.headers['content-type'])}, not JSON`);
      const answer = JSON.parse(res.body) as T;
      called.add(key);
      if (!schema || 'x-earshot-type' in schema) problems.push(`${key}: answered JSON the document gives no schema for (see ROUTE_RESPONSES)`);
      else {
        const validate = ajv.compile(schema);
        if (!validate(answer)) {
          const why = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
          problems.push(`${key}: the answer does not match its documented schema: ${why.join('; ')}`);
        }
        checked.add(key);
      }
      if (method === 'POST' && key === 'POST /api/session') cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
      return answer;
    };

    // Signed in as the admin; their own account first.
    const { user: admin } = await call<{ user: { id: string } }>('POST /api/session', '/api/session', { email: app.adminEmail, password: app.adminPassword }, 'none');
    await call('GET /api/session', '/api/session');
    await call('GET /healthz', '/healthz', undefined, 'none');
    await call('GET /readyz', '/readyz', undefined, 'none');
    await call('GET /api/platforms', '/api/platforms');

    // A brand with a stream, and a mention of it.
    const { brand } = await call<{ brand: { id: string } }>('POST /api/brands', '/api/brands', { name: 'Openapi Kettles' });
    await call('GET /api/brands', '/api/brands');
    const { stream } = await call<{ stream: { id: string } }>('POST /api/streams', '/api/streams', { brandId: brand.id, platform: 'demo', name: 'Demo stream', query: { startedAt: new Date().toISOString(), perMinute: 1 } });
    await call('PATCH /api/streams/:id', `/api/streams/${stream.id}`, { name: 'Demo stream, renamed' });
    await call('GET /api/streams', '/api/streams');
    await call('GET /api/streams/:id/deletion', `/api/streams/${stream.id}/deletion`);
    await call('GET /api/brands/:id/deletion', `/api/brands/${brand.id}/deletion`);
    // Posted within the report's days (below), so the report has figures, topics and examples.
    const postedAt = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
    await insertMentionsCounted(app.db, [
      buildMention(brand.id, { text: 'My kettle <b>broke</b> again, call me on +44 20 7946 0000', author_handle: 'unhappy_customer', stream_id: stream.id, topic: 'broken kettle', posted_at: postedAt(5), sla_due_at: postedAt(4.9) }),
      buildMention(brand.id, { text: 'Second post from the same author', author_handle: 'unhappy_customer', stream_id: stream.id, topic: 'broken kettle', posted_at: postedAt(4), sla_due_at: postedAt(3.9) }),
    ]);
    const mentionIds = (await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brand.id).orderBy('posted_at').execute()).map((m) => m.id);
    const mention = mentionIds[0]!;

    // The inbox: a reply, a note, a tag, a status, an assignment, a correction, presence.
    await call('POST /api/replies/check', '/api/replies/check', { mentionId: mention, text: 'Sorry! Write to help@example.com' });
    await call('POST /api/mentions/:id/replies', `/api/mentions/${mention}/replies`, { text: 'Sorry to hear that: we are on it.', idempotencyKey: `openapi-${randomBytes(6).toString('hex')}` });
    await call('POST /api/mentions/:id/notes', `/api/mentions/${mention}/notes`, { text: 'Customer called before, see the CRM. @Admin' });
    const { tag } = await call<{ tag: { id: string } }>('POST /api/tags', '/api/tags', { name: 'kettles' });
    await call('POST /api/mentions/tags', '/api/mentions/tags', { ids: mentionIds, name: 'broken' });
    await call('GET /api/tags', '/api/tags');
    await call('POST /api/mentions/status', '/api/mentions/status', { ids: [mentionIds[1]!], status: 'pending', followUpAt: new Date(Date.now() + 3_600_000).toISOString() });
    await call('POST /api/mentions/assign', '/api/mentions/assign', { ids: [mention], assigneeId: admin.id });
    await call('POST /api/mentions/:id/corrections', `/api/mentions/${mention}/corrections`, { field: 'sentiment', value: 'positive' });
    await call('PUT /api/mentions/:id/presence', `/api/mentions/${mention}/presence`, { typing: true });
    await call('DELETE /api/mentions/:id/presence', `/api/mentions/${mention}/presence`);
    await call('GET /api/mentions', `/api/mentions?status=all&tagId=${tag.id}`);
    await call('GET /api/mentions', '/api/mentions?status=all');
    await call('GET /api/mentions/:id', `/api/mentions/${mention}`);
    await call('GET /api/mentions/:id', `/api/mentions/${mentionIds[1]!}`);
    await call('GET /api/mentions/:id/author', `/api/mentions/${mention}/author`);
    await call('GET /api/inbox/counts', `/api/inbox/counts?brandId=${brand.id}`);
    await call('GET /api/teammates', '/api/teammates');
    const { savedReply } = await call<{ savedReply: { id: string } }>('POST /api/saved-replies', '/api/saved-replies', { title: 'Sorry', body: 'Sorry {{author}}, {{agent}} from {{brand}} here.', brandId: brand.id });
    await call('PUT /api/saved-replies/:id', `/api/saved-replies/${savedReply.id}`, { title: 'Sorry!', body: 'Sorry {{author}}.', brandId: null });
    await call('GET /api/saved-replies', `/api/saved-replies?mentionId=${mention}`);
    await call('PUT /api/account/away', '/api/account/away', { away: false });
    await call('PUT /api/brands/:id/auto-assign', `/api/brands/${brand.id}/auto-assign`, { cap: 5 });
    await insertUserNotices(app.db, [{ userId: admin.id, kind: 'follow_up', mentionId: mentionIds[1]!, text: 'Follow up: <script>alert(1)</script> is back in the inbox.' }]);
    await call('GET /api/notices', '/api/notices');
    await call('POST /api/saved-views', '/api/saved-views', { name: 'Broken kettles', search: '?status=open&sentiment=negative' });
    await call('GET /api/saved-views', '/api/saved-views');

    // Spike rules, two alerts of one (an incident holds the mention), the SLA policy, agreement.
    const { rule } = await call<{ rule: { id: string } }>('POST /api/brands/:id/alert-rules', `/api/brands/${brand.id}/alert-rules`, { name: 'Complaint spike', rule: { metric: 'complaints', sensitivity: 'high' } });
    await call('PATCH /api/alert-rules/:id', `/api/alert-rules/${rule.id}`, { enabled: true, rule: { metric: 'complaints', windowMinutes: 30 } });
    await call('GET /api/brands/:id/alert-rules', `/api/brands/${brand.id}/alert-rules`);
    const { rule: rule2 } = await call<{ rule: { id: string } }>('POST /api/brands/:id/alert-rules', `/api/brands/${brand.id}/alert-rules`, { name: 'Negative spike', rule: {} });
    const alerts: string[] = [];
    // One open alert per rule.
    for (const [ruleId, message] of [[rule.id, 'Complaints about kettles are 4x normal'], [rule2.id, 'A second spike']] as const) {
      const row = await app.db
        .insertInto('alerts')
        .values({ kind: 'spike', brand_id: brand.id, stream_id: null, rule_id: ruleId, message, started_at: new Date(Date.now() - 3_600_000), details: JSON.stringify({ observed: 12, baseline: 3, explanation: { linkPath: `/?brandId=${brand.id}` } }) } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      alerts.push(row.id);
    }
    const incident = await app.db.insertInto('incidents').values({ alert_id: alerts[0]!, brand_id: brand.id }).returning('id').executeTakeFirstOrThrow();
    await app.db.insertInto('incident_mentions').values({ incident_id: incident.id, mention_id: mentionIds[1]! }).execute();
    await call('GET /api/alerts', '/api/alerts');
    await call('GET /api/incidents', `/api/incidents?brandId=${brand.id}`);
    await call('PUT /api/incidents/:id/deadlines', `/api/incidents/${incident.id}/deadlines`, { factor: 0.5 });
    await call('POST /api/incidents/:id/holding-reply', `/api/incidents/${incident.id}/holding-reply`, { text: 'We know, and we are fixing it.' });
    await call('GET /api/incidents/:id', `/api/incidents/${incident.id}`);
    await call('POST /api/alerts/:id/acknowledge', `/api/alerts/${alerts[0]!}/acknowledge`);
    await call('POST /api/alerts/:id/resolve', `/api/alerts/${alerts[0]!}/resolve`);
    await call('POST /api/alerts/:id/false-alarm', `/api/alerts/${alerts[1]!}/false-alarm`);
    await call('GET /api/alerts/:id', `/api/alerts/${alerts[0]!}`);
    await call('GET /api/brands/:id/alerts', `/api/brands/${brand.id}/alerts?limit=1`);
    const { policy } = await call<{ policy: Json }>('GET /api/brands/:id/sla-policy', `/api/brands/${brand.id}/sla-policy`);
    const { brandId: _brandId, ...policyBody } = policy;
    await call('PUT /api/brands/:id/sla-policy', `/api/brands/${brand.id}/sla-policy`, { ...policyBody, businessHours: { '1': { open: '09:00', close: '17:00' } }, holidays: ['2026-12-25'] });
    await call('GET /api/agreement', '/api/agreement');

    // Notification channels, a test notification and its deliveries.
    const { channel } = await call<{ channel: { id: string } }>('POST /api/notification-channels', '/api/notification-channels', { kind: 'webhook', brandId: brand.id, name: 'Team chat', config: { url: 'https://hooks.example.test/services/T000/B000/secret', format: 'json' } });
    await call('PATCH /api/notification-channels/:id', `/api/notification-channels/${channel.id}`, { rotateSecret: true });
    await call('POST /api/notification-channels', '/api/notification-channels', { kind: 'email', brandId: null, name: 'On call', config: { recipients: ['oncall@example.test'] } });
    await call('GET /api/notification-channels', '/api/notification-channels');
    const { notificationId } = await call<{ notificationId: string }>('POST /api/notification-channels/:id/test', `/api/notification-channels/${channel.id}/test`);
    // The first alert was delivered to the channel: its detail lists the delivery.
    await app.db.transaction().execute((trx) =>
      insertNotification(trx, { brandId: brand.id, kind: 'spike', sourceId: alerts[0]!, severity: 'high', title: 'Complaint spike', text: 'Complaints about kettles are 4x normal', details: {}, channelIds: [channel.id] }),
    );
    const alertDetail = await call<{ deliveries: unknown[] }>('GET /api/alerts/:id', `/api/alerts/${alerts[0]!}`);
    expect(alertDetail.deliveries.length).toBeGreaterThan(0);
    await call('GET /api/notification-channels/:id/deliveries', `/api/notification-channels/${channel.id}/deliveries`);
    await call('GET /api/notifications/:id/deliveries', `/api/notifications/${notificationId}/deliveries`);

    // A report of a finished range of days, generated by the worker.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const { snapshot } = await call<{ snapshot: { id: string; report: { empty: boolean; topics: unknown[] } } }>('POST /api/reports', '/api/reports', { brandId: brand.id, from: day(8), to: day(2) });
    expect(snapshot.report.empty).toBe(false);
    expect(snapshot.report.topics.length).toBeGreaterThan(0);
    await call('GET /api/reports', `/api/reports?brandId=${brand.id}`);
    await call('GET /api/reports/:id', `/api/reports/${snapshot.id}`);

    // Platform credentials (the first platform that takes them), the audit log.
    const { platforms } = await call<{ platforms: { platform: string; needsCredentials: boolean; credentialFields: { name: string; optional: boolean }[] }[] }>('GET /api/platforms', '/api/platforms');
    const platform = platforms.find((p) => p.needsCredentials);
    if (platform) {
      const credentials = Object.fromEntries(platform.credentialFields.filter((f) => !f.optional).map((f) => [f.name, `value-${f.name}-0123456789abcdef`]));
      await call('PUT /api/connections/:platform', `/api/connections/${platform.platform}`, { credentials });
    }
    await call('GET /api/connections', '/api/connections');
    await call('GET /api/audit', '/api/audit?limit=50');

    // Users: an invitation accepted, the new user changed and limited; a token; a password reset.
    const created = await call<{ token: string }>('POST /api/invitations', '/api/invitations', { email: 'new-agent@example.test', role: 'agent' });
    await call('POST /api/invitations', '/api/invitations', { email: 'pending-viewer@example.test', role: 'viewer' });
    await call('GET /api/invitations', '/api/invitations');
    await call('POST /api/invitations/preview', '/api/invitations/preview', { token: created.token }, 'none');
    const { user: agent } = await call<{ user: { id: string } }>('POST /api/invitations/accept', '/api/invitations/accept', { token: created.token, name: 'New Agent', password: 'a-long-enough-password' }, 'none');
    await call('PATCH /api/users/:id', `/api/users/${agent.id}`, { role: 'manager' });
    await call('PUT /api/users/:id/brands', `/api/users/${agent.id}/brands`, { brandIds: [brand.id] });
    await call('GET /api/users', '/api/users');
    await call('POST /api/tokens', '/api/tokens', { name: 'CRM sync', role: 'viewer', expiresInDays: 30, brandIds: [brand.id] });
    await call('GET /api/tokens', '/api/tokens');
    await call('POST /api/password-reset', '/api/password-reset', { email: 'nobody@example.test' }, 'none');
    const resetToken = randomBytes(24).toString('base64url');
    const resetId = await insertPasswordReset(app.db, { userId: agent.id, expiresAt: new Date(Date.now() + 3_600_000), maxPerWindow: 10, windowMs: 3_600_000 });
    await setPasswordResetToken(app.db, resetId!, sha256url(resetToken));
    await call('POST /api/password-reset/confirm', '/api/password-reset/confirm', { token: resetToken, password: 'another-long-password' }, 'none');

    // Two-factor sign-in on and off again (last: it changes how the admin signs in).
    await call('GET /api/account/totp', '/api/account/totp');
    const setup = await call<{ secret: string }>('POST /api/account/totp', '/api/account/totp');
    await call('POST /api/account/totp/confirm', '/api/account/totp/confirm', { code: totpCode(setup.secret) });
    // Each code is taken once: the next step's code, after the one just used.
    await call('POST /api/account/totp/disable', '/api/account/totp/disable', { code: nextTotpCode(setup.secret) });

    const uncalled = app.earshot.routes
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in NO_JSON_ANSWER) && !called.has(key));
    for (const key of uncalled) problems.push(`${key}: not called by this test, so its documented answer is unchecked; add a call`);
    expect(problems).toEqual([]);
    expect(checked.size).toBeGreaterThan(60);
  });
});
