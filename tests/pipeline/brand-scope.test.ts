import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  ALL_BRANDS,
  ensureBrand,
  ensureTag,
  insertAuditEntry,
  insertMentionsCounted,
  insertNotification,
  insertStream,
  setUserBrands,
  tagMentions,
  insertUser,
  type UserRole,
} from '@earshot/db';
import { buildMention } from '@earshot/db/testing';
import { hashPassword, ROLES, allows } from '@earshot/web';
import { rawRequest, type RawResponse } from '../support/raw-http.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';

// A user limited to brand A, with data in brands A and B: every route the server registers
// (enumerated from Fastify, as route-access.test.ts does) is requested with brand B's ids in the
// path, the query and the body, as each role and as a limited API token. No answer may contain
// anything of brand B, nothing of B may change, and B's live events never reach A's dashboard.

const PASSWORD = 'brand-scope-password';
/** Text only brand B's rows hold: found in a response body, it leaked. */
const B_TEXT = 'BRAVO-SECRET-7f3a';

type SeededKind = 'mention' | 'stream' | 'alert' | 'rule' | 'report' | 'channel' | 'notification' | 'incident' | 'tag';

interface Seeded {
  brandA: string;
  brandB: string;
  /** Every id of brand B's rows, by kind: substituted into paths, queries and bodies. */
  b: Record<SeededKind, string>;
  a: Record<SeededKind, string>;
}

function paramKind(url: string): keyof Seeded['b'] | 'brand' | 'user' | 'platform' | 'invitation' | 'token' {
  if (url.startsWith('/api/mentions/')) return 'mention';
  if (url.startsWith('/api/streams/')) return 'stream';
  if (url.startsWith('/api/alerts/')) return 'alert';
  if (url.startsWith('/api/incidents/')) return 'incident';
  if (url.startsWith('/api/alert-rules/')) return 'rule';
  if (url.startsWith('/api/reports/')) return 'report';
  if (url.startsWith('/api/notification-channels/')) return 'channel';
  if (url.startsWith('/api/notifications/')) return 'notification';
  if (url.startsWith('/api/brands/')) return 'brand';
  if (url.startsWith('/api/users/')) return 'user';
  if (url.startsWith('/api/invitations/')) return 'invitation';
  if (url.startsWith('/api/tokens/')) return 'token';
  return 'platform';
}

describe('a user limited to some brands sees and changes only those', () => {
  let app: TestApp;
  let s: Seeded;
  const cookies = new Map<UserRole, string>();
  let bSecrets: string[];

  const signIn = async (role: UserRole) => {
    const res = await rawRequest(app.url, 'POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}-a@example.test`, password: PASSWORD }),
    });
    expect(res.status, `sign-in as ${role}`).toBe(200);
    cookies.set(role, String(res.headers['set-cookie']?.[0]).split(';')[0]!);
  };
  const adminCookie = async () => {
    const res = await rawRequest(app.url, 'POST', '/api/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: app.adminEmail, password: app.adminPassword }),
    });
    return String(res.headers['set-cookie']?.[0]).split(';')[0]!;
  };
  const json = (method: string, path: string, auth: Record<string, string>, body?: unknown): Promise<RawResponse> =>
    rawRequest(app.url, method, path, {
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off', timings: { reportWaitMs: 500 } });
    const brandA = (await ensureBrand(app.db, 'Alpha Kettles')).id;
    const brandB = (await ensureBrand(app.db, `Bravo ${B_TEXT}`)).id;
    const seed = async (brandId: string, label: string) => {
      const stream = await insertStream(app.db, { brandId, platform: 'demo', name: `${label} stream`, query: { startedAt: new Date().toISOString(), perMinute: 1 }, pollIntervalMs: 60_000 });
      await insertMentionsCounted(app.db, [buildMention(brandId, { text: `${label} mention text`, author_handle: `${label}_author`, stream_id: stream.id })]);
      const mention = await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brandId).executeTakeFirstOrThrow();
      const rule = await app.db.insertInto('alert_rules').values({ brand_id: brandId, name: `${label} rule`, rule: JSON.stringify({}) } as never).returning('id').executeTakeFirstOrThrow();
      const alert = await app.db
        .insertInto('alerts')
        .values({ kind: 'spike', brand_id: brandId, stream_id: null, rule_id: rule.id, message: `${label} alert message`, details: JSON.stringify({ explanation: { linkPath: `/inbox?brandId=${brandId}` } }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const report = await app.db
        .insertInto('reports')
        .values({ brand_id: brandId, period_label: '2026-W47', period_start: new Date('2026-11-16T00:00:00Z'), period_end: new Date('2026-11-23T00:00:00Z'), as_of: new Date('2026-11-24T00:00:00Z'), report: JSON.stringify({ brand: { id: brandId, name: label } }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const channel = await app.db
        .insertInto('notification_channels')
        .values({ brand_id: brandId, kind: 'email', name: `${label} channel`, config: JSON.stringify({ recipients: [`${label.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.test`] }) } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const { notification } = await app.db.transaction().execute((trx) =>
        insertNotification(trx, { brandId, kind: 'test', severity: 'high', title: `${label} notification`, text: `${label} notification text`, details: {}, channelIds: [channel.id] }),
      );
      await insertAuditEntry(app.db, { actor: { id: null, label: 'cli' }, action: 'reply.sent', brandId, target: { type: 'mention', id: mention.id }, details: { text: `${label} audited reply` } });
      // The team inbox and incidents: an incident of the alert holding the mention, a tag on it and an internal note.
      const incident = await app.db.insertInto('incidents').values({ alert_id: alert.id, brand_id: brandId }).returning('id').executeTakeFirstOrThrow();
      await app.db.insertInto('incident_mentions').values({ incident_id: incident.id, mention_id: mention.id }).execute();
      // Tags are install-wide names (no brand): B's must not carry B's text, only B's mention carries it.
      const { tag } = await ensureTag(app.db, `tag-${brandId.slice(0, 8)}`, null);
      expect(await tagMentions(app.db, tag.id, [mention.id], null, ALL_BRANDS)).toEqual([mention.id]);
      await app.db.insertInto('mention_notes').values({ mention_id: mention.id, user_id: null, text: `${label} internal note` }).execute();
      return { mention: mention.id, stream: stream.id, alert: alert.id, rule: rule.id, report: report.id, channel: channel.id, notification: notification.id, incident: incident.id, tag: tag.id };
    };
    s = { brandA, brandB, a: await seed(brandA, 'Alpha'), b: await seed(brandB, B_TEXT) };
    // B's tag id is not secret (GET /api/tags lists every tag); whether it is on B's mention is.
    bSecrets = [B_TEXT, brandB, ...Object.entries(s.b).flatMap(([kind, id]) => (kind === 'tag' ? [] : [id]))];

    const passwordHash = await hashPassword(PASSWORD);
    for (const role of ROLES) {
      const user = await insertUser(app.db, { email: `${role}-a@example.test`, name: `${role} of Alpha`, passwordHash, role });
      await setUserBrands(app.db, user.id, [brandA]);
    }
    for (const role of ROLES) await signIn(role);
    // B's mention is assigned to A's agent, who also has a notice about it: neither may show.
    const agent = await app.db.selectFrom('users').select('id').where('email', '=', 'agent-a@example.test').executeTakeFirstOrThrow();
    await app.db.updateTable('mentions').set({ assignee_id: agent.id }).where('id', '=', s.b.mention).execute();
    await app.db.insertInto('user_notices').values({ user_id: agent.id, kind: 'note_mention', mention_id: s.b.mention, text: `${B_TEXT} notice text` }).execute();
  });
  const bState = async () => ({
    mention: await app.db.selectFrom('mentions').select(['status', 'assignee_id', 'follow_up_at']).where('id', '=', s.b.mention).executeTakeFirstOrThrow(),
    notes: (await app.db.selectFrom('mention_notes').select('text').where('mention_id', '=', s.b.mention).execute()).map((n) => n.text),
    tags: (await app.db.selectFrom('mention_tags').select('tag_id').where('mention_id', '=', s.b.mention).orderBy('tag_id').execute()).map((t) => t.tag_id),
    incident: await app.db.selectFrom('incidents').select(['deadline_factor', 'deadline_since', 'holding_text']).where('id', '=', s.b.incident).executeTakeFirstOrThrow(),
    autoAssign: (await app.db.selectFrom('brands').select('auto_assign_cap').where('id', '=', s.brandB).executeTakeFirstOrThrow()).auto_assign_cap,
  });
  afterAll(async () => app?.stop());

  /** Plausible bodies, so a write that skipped the scope check would really change B's data. */
  const bodyFor = (method: string, url: string, id: string): unknown => {
    if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return undefined;
    const bodies: Record<string, unknown> = {
      'POST /api/mentions/:id/replies': { text: 'We are on it', idempotencyKey: `k-${randomUUID()}` },
      'POST /api/mentions/:id/corrections': { field: 'sentiment', value: 'positive' },
      'PATCH /api/streams/:id': { name: 'renamed by A' },
      'POST /api/streams': { brandId: id, platform: 'demo', name: 'A made this', query: { startedAt: new Date().toISOString(), perMinute: 1 } },
      'POST /api/brands': { name: `Bravo ${B_TEXT}` },
      'PATCH /api/alert-rules/:id': { name: 'renamed by A' },
      'POST /api/brands/:id/alert-rules': { name: 'made by A', rule: {} },
      'PUT /api/brands/:id/sla-policy': { targetsMinutes: { P1: 5, P2: 30, P3: 120, P4: 480 } },
      'POST /api/reports': { brandId: id, period: 'last-week' },
      'POST /api/notification-channels': { kind: 'email', brandId: id, name: 'made by A', config: { recipients: ['a@example.test'] } },
      'PATCH /api/notification-channels/:id': { name: 'renamed by A' },
      'POST /api/tokens': { name: 'limited', role: 'viewer', brandIds: [id] },
      'PUT /api/users/:id/brands': { brandIds: [id] },
      'POST /api/mentions/status': { ids: [s.b.mention], status: 'closed' },
      'POST /api/mentions/assign': { ids: [s.b.mention], assigneeId: null },
      'POST /api/mentions/:id/notes': { text: 'note by A' },
      'PUT /api/mentions/:id/presence': { typing: true },
      'PUT /api/brands/:id/auto-assign': { cap: 3 },
      'POST /api/incidents/:id/holding-reply': { text: 'We are looking into it' },
      'PUT /api/incidents/:id/deadlines': { factor: 0.5 },
      'POST /api/mentions/tags': { ids: [s.b.mention], name: 'tagged by A' },
      'POST /api/replies/check': { mentionId: s.b.mention, text: 'We are on it' },
    };
    return bodies[`${method} ${url}`] ?? {};
  };

  /** Each way a route can name brand B: its path id, and brand B in the query and body. */
  const requestsFor = (method: string, url: string) => {
    const kind = paramKind(url);
    const id = kind === 'brand' ? s.brandB : kind in s.b ? s.b[kind as keyof Seeded['b']] : randomUUID();
    const path = url
      .replace(/:tagId\b/g, s.b.tag)
      .replace(/:id\b/g, id)
      .replace(/:platform\b/g, 'x')
      .replace(/\/\*$/, '/index.html');
    const query = `brandId=${s.brandB}&limit=50&status=all`;
    return [{ path: `${path}${path.includes('?') ? '&' : '?'}${query}`, body: bodyFor(method, url, s.brandB) }];
  };

  /**
   * What of brand B an answer holds. An error may repeat an id the caller sent ("Mention … not
   * found"); anything else of B, or B's id in a successful answer, is a leak.
   */
  const leaks = (res: RawResponse, sent = ''): string[] =>
    bSecrets.filter((secret) => res.body.includes(secret) && (res.status < 400 || !sent.includes(secret)));

  it('shows brand A to the limited users and brand B only to an unlimited admin (the data is there)', async () => {
    const viewer = await json('GET', '/api/mentions?status=all', { cookie: cookies.get('viewer')! });
    expect(viewer.status).toBe(200);
    expect(viewer.body).toContain('Alpha mention text');
    expect(leaks(viewer)).toEqual([]);
    const admin = await json('GET', '/api/mentions?status=all', { cookie: await adminCookie() });
    expect(admin.body).toContain(`${B_TEXT} mention text`);
    const brands = await json('GET', '/api/brands', { cookie: cookies.get('manager')! });
    expect(JSON.parse(brands.body)).toEqual({ brands: [{ id: s.brandA, name: 'Alpha Kettles', autoAssignCap: null }] });
  });

  it('answers no route with anything of brand B, as any role, and changes nothing of B', async () => {
    const bRules = () => app.db.selectFrom('alert_rules').select(['id', 'name', 'rule', 'enabled']).where('brand_id', '=', s.brandB).orderBy('id').execute();
    const rulesBefore = await bRules();
    const bBefore = await bState();
    expect(bBefore.notes).toEqual([`${B_TEXT} internal note`]);
    expect(bBefore.tags).toEqual([s.b.tag]);
    expect(bBefore.mention.assignee_id).not.toBeNull();
    const problems: string[] = [];
    let checked = 0;
    for (const route of app.earshot.routes) {
      for (const role of ROLES) {
        if (!allows(route.access, role)) continue;
        for (const { path, body } of requestsFor(route.method, route.url)) {
          const res = await json(route.method, path, { cookie: cookies.get(role)! }, body);
          checked++;
          const found = leaks(res, path + JSON.stringify(body ?? ''));
          if (found.length > 0) problems.push(`${route.method} ${path} as ${role}: ${res.status} leaks ${found.join(', ')}`);
          if (res.status >= 500) problems.push(`${route.method} ${path} as ${role}: ${res.status} ${res.body.slice(0, 160)}`);
          // A path naming B's row answers as if it did not exist. (A notification's delivery log
          // answers an empty list for an unknown id too, so it says no more than a 404.)
          if (route.url.includes(':id') && paramKind(route.url) in s.b && !route.url.startsWith('/api/notifications/') && res.status !== 404 && res.status !== 400 && res.status !== 403) {
            problems.push(`${route.method} ${path} as ${role}: expected 404 for brand B's row, got ${res.status}`);
          }
          if (route.method === 'DELETE' && /\/api\/sessions?$/.test(route.url) && res.status === 204) await signIn(role);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);

    // Nothing of B changed: no reply, no correction, names and states as seeded.
    const bMention = await app.db.selectFrom('mentions').select(['sentiment', 'status']).where('id', '=', s.b.mention).executeTakeFirstOrThrow();
    expect(bMention.sentiment).toBe('negative');
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', s.b.mention).execute()).toEqual([]);
    expect(await app.db.selectFrom('corrections').select('id').where('brand_id', '=', s.brandB).execute()).toEqual([]);
    expect((await app.db.selectFrom('streams').select('name').where('id', '=', s.b.stream).executeTakeFirstOrThrow()).name).toBe(`${B_TEXT} stream`);
    expect(await bRules()).toEqual(rulesBefore);
    const bAlert = await app.db.selectFrom('alerts').select(['acknowledged_at', 'resolved_at']).where('id', '=', s.b.alert).executeTakeFirstOrThrow();
    expect(bAlert).toEqual({ acknowledged_at: null, resolved_at: null });
    expect((await app.db.selectFrom('notification_channels').select('name').where('id', '=', s.b.channel).executeTakeFirstOrThrow()).name).toBe(`${B_TEXT} channel`);
    expect(await app.db.selectFrom('sla_policies').select('brand_id').where('brand_id', '=', s.brandB).execute()).toEqual([]);
    expect(await app.db.selectFrom('streams').select('id').where('brand_id', '=', s.brandB).execute()).toHaveLength(1);
    // Status, assignee, notes, tags, the incident's deadlines and holding reply, automatic assignment.
    expect(await bState()).toEqual(bBefore);
  });

  it('counts each inbox view over brand A only, and lists no incident or notice of B', async () => {
    const counts = async (cookie: string, query = '') => JSON.parse((await json('GET', `/api/inbox/counts${query}`, { cookie })).body) as Record<string, number>;
    // Brand A has one open mention, unassigned; B's open mention is assigned to A's agent.
    expect(await counts(cookies.get('agent')!)).toMatchObject({ open: 1, mine: 0, unassigned: 1 });
    expect(await counts(cookies.get('agent')!, `?brandId=${s.brandB}`)).toMatchObject({ open: 0, mine: 0, unassigned: 0 });
    expect(await counts(await adminCookie())).toMatchObject({ open: 2, unassigned: 1 });
    const incidents = JSON.parse((await json('GET', '/api/incidents', { cookie: cookies.get('viewer')! })).body) as { incidents: { id: string }[] };
    expect(incidents.incidents.map((i) => i.id)).toEqual([s.a.incident]);
    const notices = await json('GET', '/api/notices', { cookie: cookies.get('agent')! });
    expect(JSON.parse(notices.body)).toMatchObject({ unread: 0, notices: [] });
  });

  it('limits an API token to its brands, and to its user\u2019s as well', async () => {
    const admin = await adminCookie();
    const created = await json('POST', '/api/tokens', { cookie: admin }, { name: 'A only', role: 'viewer', brandIds: [s.brandA] });
    expect(created.status).toBe(201);
    const token = (JSON.parse(created.body) as { token: string }).token;
    const byToken = await json('GET', '/api/mentions?status=all', { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(200);
    expect(byToken.body).toContain('Alpha mention text');
    expect(leaks(byToken)).toEqual([]);
    expect((await json('GET', `/api/mentions/${s.b.mention}`, { authorization: `Bearer ${token}` })).status).toBe(404);
    // Every non-public route, with the admin's token limited to A: nothing of B.
    const problems: string[] = [];
    for (const route of app.earshot.routes.filter((r) => r.access !== 'public' && !/^\/api\/(tokens|account\/totp)/.test(r.url))) {
      for (const { path, body } of requestsFor(route.method, route.url)) {
        const res = await json(route.method, path, { authorization: `Bearer ${token}` }, body);
        const found = leaks(res, path + JSON.stringify(body ?? ''));
        if (found.length > 0 || res.status >= 500) problems.push(`${route.method} ${path} by token: ${res.status} ${found.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    // A limited user cannot make a token for a brand outside their own.
    const refused = await json('POST', '/api/tokens', { cookie: cookies.get('agent')! }, { name: 'wider', role: 'agent', brandIds: [s.brandB] });
    expect(refused.status).toBe(404);
    expect(leaks(refused, s.brandB)).toEqual([]);
  });

  it('keeps brand B\u2019s live events from brand A\u2019s dashboards', async () => {
    const received: string[] = [];
    const { hostname, port } = new URL(app.url);
    const req = http.request({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port, path: '/api/events', headers: { cookie: cookies.get('viewer')! } });
    const opened = new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    req.end();
    const res = await opened;
    expect(res.statusCode).toBe(200);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => received.push(chunk));
    // The server writes this first line and starts listening in the same tick.
    await waitFor('the event stream to open', async () => received.join('').includes('retry:'));
    const bId = randomUUID();
    const aId = randomUUID();
    // B first: the channel keeps order, so once A's arrives, B's would have arrived before it.
    await app.bus.publishMentionEvent({ type: 'mentions.created', brandId: s.brandB, ids: [bId] });
    await app.bus.publishMentionEvent({ type: 'mention.updated', brandId: s.brandB, id: s.b.mention });
    await app.bus.publishMentionEvent({ type: 'mentions.changed', brandId: s.brandB, ids: [s.b.mention], status: 'closed' });
    await app.bus.publishMentionEvent({ type: 'presence', brandId: s.brandB, mentionId: s.b.mention, viewers: [], version: 1 });
    await app.bus.publishMentionEvent({ type: 'mentions.created', brandId: s.brandA, ids: [aId] });
    await waitFor(`brand A's event ${aId}`, async () => received.join('').includes(aId), 10_000).finally(() => req.destroy());
    const stream = received.join('');
    expect(stream).toContain(aId);
    expect(stream).not.toContain(bId);
    expect(stream).not.toContain(s.brandB);
    expect(stream).not.toContain(s.b.mention);
  });

  it('an admin sets and lifts a user\u2019s brands from the team API', async () => {
    const admin = await adminCookie();
    const viewer = await app.db.selectFrom('users').select('id').where('email', '=', 'viewer-a@example.test').executeTakeFirstOrThrow();
    const set = await json('PUT', `/api/users/${viewer.id}/brands`, { cookie: admin }, { brandIds: [s.brandB] });
    expect(set.status).toBe(200);
    expect((JSON.parse(set.body) as { user: { brandIds: string[] } }).user.brandIds).toEqual([s.brandB]);
    const nowB = await json('GET', '/api/mentions?status=all', { cookie: cookies.get('viewer')! });
    expect(nowB.body).toContain(`${B_TEXT} mention text`);
    expect(nowB.body).not.toContain('Alpha mention text');
    const listed = JSON.parse((await json('GET', '/api/users', { cookie: admin })).body) as { users: { email: string; brandIds: string[] }[] };
    expect(listed.users.find((u) => u.email === 'viewer-a@example.test')?.brandIds).toEqual([s.brandB]);
    expect(listed.users.find((u) => u.email === app.adminEmail)?.brandIds).toEqual([]);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'user.brands_changed'`.execute(app.db);
    expect(audit.rows[0]!.n).toBe(1);
    expect((await json('PUT', `/api/users/${viewer.id}/brands`, { cookie: admin }, { brandIds: [s.brandA] })).status).toBe(200);
    expect((await json('PUT', `/api/users/${viewer.id}/brands`, { cookie: admin }, { brandIds: [randomUUID()] })).status).toBe(404);
  });
});
