import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMentionsCounted, setUserBrands } from '@earshot/db';
import type { BrandDeletionDto, PlatformDto, StreamDeletionDto, StreamDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { buildMention, seedBrand, seedStream, seedUser } from '../support/factories.ts';

// Setting up without reading JSON (issue #11): errors in the user's words with each problem
// by its field, platforms that say whether credentials are stored, and deleting streams
// (mentions stay with the brand) and brands (everything goes, name typed to confirm).

type ErrorAnswer = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

describe('setting up: errors in words, platforms, deleting streams and brands', () => {
  let app: TestApp;
  let admin: ApiClient;
  let manager: ApiClient;
  let agent: ApiClient;
  let viewer: ApiClient;
  /** A manager limited to another brand. */
  let outsider: ApiClient;
  let brandId: string;

  const as = async (role: 'manager' | 'agent' | 'viewer') => {
    const { email, password } = await seedUser(app.db, { role });
    const client = new ApiClient(app.url);
    await client.signIn(email, password);
    return client;
  };

  beforeAll(async () => {
    // No collectors: the seeded demo streams would be polled and their mentions counted here.
    app = await startTestApp({ demo: 'off', roles: ['web', 'worker'] });
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
    brandId = (await seedBrand(app.db, 'Acme Words')).id;
    manager = await as('manager');
    agent = await as('agent');
    viewer = await as('viewer');
    const other = await seedBrand(app.db, 'Other Co');
    const limited = await seedUser(app.db, { role: 'manager' });
    await setUserBrands(app.db, limited.user.id, [other.id]);
    outsider = new ApiClient(app.url);
    await outsider.signIn(limited.email, limited.password);
  });
  afterAll(async () => app?.stop());

  /** The problems of a refused body, by path. */
  const problems = (res: { body: ErrorAnswer }) => Object.fromEntries((res.body.error.fields ?? []).map((f) => [f.path, f.message]));

  describe('errors speak the form’s words, by field', () => {
    it('SLA policy: "P2 target must be at least 1 minute", and the alert lead time by its name', async () => {
      const res = await manager.request<ErrorAnswer>('PUT', `/api/brands/${brandId}/sla-policy`, {
        targetsMinutes: { P1: 10, P2: 0, P3: 120, P4: 480 },
        alertLeadMinutes: 2000,
        timeZone: 'Mars/Olympus_Mons',
      });
      expect(res.status).toBe(400);
      expect(problems(res)).toEqual({
        'targetsMinutes.P2': 'P2 target must be at least 1 minute',
        alertLeadMinutes: 'Alert lead time must be at most 1440 minutes (a day)',
        timeZone: expect.stringMatching(/^Time zone: "Mars\/Olympus_Mons" is not an IANA time zone/),
      });
      expect(res.body.error.message).toContain('P2 target must be at least 1 minute.');
      expect(res.body.error.message).not.toMatch(/targetsMinutes|alertLeadMinutes|timeZone/);
      const fraction = await manager.request<ErrorAnswer>('PUT', `/api/brands/${brandId}/sla-policy`, {
        targetsMinutes: { P1: 10, P2: 30, P3: 120, P4: 480 },
        alertLeadMinutes: 2.5,
      });
      expect(problems(fraction)).toEqual({ alertLeadMinutes: 'Alert lead time must be a whole number of minutes' });
    });

    it('brands and streams: names, seconds (not milliseconds), and a platform query field by its title', async () => {
      const brand = await manager.request<ErrorAnswer>('POST', '/api/brands', { name: '   ' });
      expect(brand.status).toBe(400);
      expect(brand.body.error.message).toBe('Name the brand.');
      expect(problems(brand)).toEqual({ name: 'Name the brand.' });

      const stream = await manager.request<ErrorAnswer>('POST', '/api/streams', {
        brandId,
        platform: 'demo',
        name: '',
        query: {},
        pollIntervalMs: 1_000,
      });
      expect(problems(stream)).toEqual({ name: 'Name the stream.', pollIntervalMs: 'Poll interval must be at least 5 seconds' });

      const reddit = await manager.request<ErrorAnswer>('POST', '/api/streams', { brandId, platform: 'reddit', name: 'r', query: { keywords: [], subreddits: ['a b'] } });
      expect(reddit.status).toBe(400);
      expect(problems(reddit)['query.keywords']).toBe('Add at least one keyword or phrase to listen for.');
      expect(problems(reddit)['query.subreddits.0']).toMatch(/^Subreddits: "a b" is not a subreddit name/);
      expect(reddit.body.error.message).toMatch(/^This Reddit query cannot be used: /);

      const demo = await manager.request<ErrorAnswer>('POST', '/api/streams', { brandId, platform: 'demo', name: 'd', query: { startedAt: new Date().toISOString(), perMinute: 0 } });
      expect(problems(demo)).toEqual({ 'query.perMinute': 'Posts a minute must be at least 0.1' });

      const x = await manager.request<ErrorAnswer>('POST', '/api/streams', { brandId, platform: 'x', name: 'x', query: { accounts: ['not a handle'] } });
      expect(problems(x)['query.accounts.0']).toMatch(/^An account is an X handle/);
    });

    it('alert rules and channels: the label, never the path', async () => {
      const rule = await manager.request<ErrorAnswer>('POST', `/api/brands/${brandId}/alert-rules`, { name: 'r', rule: { minCount: 0 } });
      expect(rule.status).toBe(400);
      expect(problems(rule)).toEqual({ 'rule.minCount': 'Minimum count must be at least 1' });
      expect(rule.body.error.message).toBe('Minimum count must be at least 1.');

      const channel = await manager.request<ErrorAnswer>('POST', '/api/notification-channels', {
        kind: 'email',
        brandId: null,
        name: 'Team',
        config: { recipients: ['team at acme'] },
        quietHours: { start: '22:00', end: '7am', timeZone: 'Europe/Paris' },
      });
      expect(channel.status).toBe(400);
      expect(problems(channel)).toEqual({
        'config.recipients.0': 'Recipients: each recipient must be an email address',
        'quietHours.end': 'Quiet hours end must be a local time HH:MM, e.g. 22:00',
      });
      expect(channel.body.error.message).not.toMatch(/config\.|quietHours\./);
    });
  });

  it('platforms say whether credentials are stored and send their query fields; a stream without them is created with a warning', async () => {
    const { body } = await manager.request<{ platforms: PlatformDto[] }>('GET', '/api/platforms');
    const byName = new Map(body.platforms.map((p) => [p.platform, p]));
    expect(byName.get('demo')?.configured).toBe(true);
    expect(byName.get('x')?.configured).toBe(false);
    const x = byName.get('x')!.querySchema!;
    expect(Object.fromEntries(Object.entries(x.properties!).map(([k, v]) => [k, v.title]))).toMatchObject({
      keywords: 'Keywords',
      phrases: 'Exact phrases',
      accounts: 'Accounts',
      exclude: 'Exclusions',
      language: 'Language',
    });
    expect(byName.get('reddit')!.querySchema!.properties!.subreddits!.title).toBe('Subreddits');

    const created = await manager.request<{ stream: StreamDto; warning?: string }>('POST', '/api/streams', {
      brandId,
      platform: 'x',
      name: 'Acme on X',
      query: { keywords: ['acme'], phrases: ['lost my bag'], accounts: ['@AcmeHelp'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.warning).toMatch(/^No X \(Twitter\) credentials are stored, so this stream cannot poll yet\./);
    expect(created.body.stream.query).toMatchObject({ phrases: ['lost my bag'], accounts: ['AcmeHelp'] });
    const demo = await manager.request<{ stream: StreamDto; warning?: string }>('POST', '/api/streams', {
      brandId,
      platform: 'demo',
      name: 'Acme demo',
      query: { startedAt: new Date().toISOString(), perMinute: 1 },
    });
    expect(demo.status).toBe(201);
    expect(demo.body.warning).toBeUndefined();
  });

  it("deletes a stream: its mentions and replies stay with the brand, it is audited, and only the brand's managers can", async () => {
    const brand = await seedBrand(app.db);
    const stream = await seedStream(app.db, { brandId: brand.id, name: 'Going away' });
    const keep = await seedStream(app.db, { brandId: brand.id, name: 'Staying' });
    const ids = await insertMentionsCounted(app.db, [
      buildMention(brand.id, { stream_id: stream.id }),
      buildMention(brand.id, { stream_id: stream.id }),
      buildMention(brand.id, { stream_id: keep.id }),
    ]);
    expect(ids).toHaveLength(3);
    const mentionIds = (await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brand.id).orderBy('id').execute()).map((m) => m.id);
    await app.db.insertInto('replies').values({ mention_id: mentionIds[0]!, text: 'Sorry about that', idempotency_key: randomUUID(), state: 'sent' }).execute();

    for (const [who, client, status] of [['viewer', viewer, 403], ['agent', agent, 403], ['a manager of another brand', outsider, 404]] as const) {
      const impact = await client.request('GET', `/api/streams/${stream.id}/deletion`);
      const del = await client.request('DELETE', `/api/streams/${stream.id}`);
      expect([who, impact.status, del.status]).toEqual([who, status, status]);
    }
    expect(await app.db.selectFrom('streams').select('id').where('id', '=', stream.id).executeTakeFirst()).toBeDefined();

    const impact = await manager.request<StreamDeletionDto>('GET', `/api/streams/${stream.id}/deletion`);
    expect(impact.body).toEqual({ mentions: 2 });
    const del = await manager.request('DELETE', `/api/streams/${stream.id}`);
    expect(del.status).toBe(204);
    expect(await app.db.selectFrom('streams').select('id').where('id', '=', stream.id).executeTakeFirst()).toBeUndefined();
    const after = await app.db.selectFrom('mentions').select(['brand_id', 'stream_id']).where('brand_id', '=', brand.id).execute();
    expect(after).toHaveLength(3);
    expect(after.filter((m) => m.stream_id === null)).toHaveLength(2);
    expect(after.filter((m) => m.stream_id === keep.id)).toHaveLength(1);
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', mentionIds[0]!).execute()).toHaveLength(1);
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'stream.deleted').where('target_id', '=', stream.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ brand_id: brand.id, target_type: 'stream' });
    expect(audit.details).toEqual({ name: 'Going away', platform: 'demo', mentionsKept: 2 });

    const again = await manager.request<ErrorAnswer>('DELETE', `/api/streams/${stream.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/not found; it may have been deleted already/);
  });

  it('deletes a brand with its streams, mentions and replies once its name is typed; audited; brand-scoped', async () => {
    const brand = await seedBrand(app.db, `Doomed ${randomUUID().slice(0, 6)}`);
    const stream = await seedStream(app.db, { brandId: brand.id });
    await insertMentionsCounted(app.db, [buildMention(brand.id, { stream_id: stream.id }), buildMention(brand.id)]);
    const mention = await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brand.id).executeTakeFirstOrThrow();
    await app.db.insertInto('replies').values({ mention_id: mention.id, text: 'On it', idempotency_key: randomUUID(), state: 'sent' }).execute();
    const survivor = await seedBrand(app.db);
    await insertMentionsCounted(app.db, [buildMention(survivor.id)]);

    for (const [who, client, status] of [['viewer', viewer, 403], ['agent', agent, 403], ['a manager of another brand', outsider, 404]] as const) {
      const impact = await client.request('GET', `/api/brands/${brand.id}/deletion`);
      const del = await client.request('DELETE', `/api/brands/${brand.id}`, { confirmName: brand.name });
      expect([who, impact.status, del.status]).toEqual([who, status, status]);
    }

    const impact = await manager.request<BrandDeletionDto>('GET', `/api/brands/${brand.id}/deletion`);
    expect(impact.body).toEqual({ streams: 1, mentions: 2, replies: 1 });

    const wrong = await manager.request<ErrorAnswer>('DELETE', `/api/brands/${brand.id}`, { confirmName: 'something else' });
    expect(wrong.status).toBe(400);
    expect(problems(wrong)).toEqual({ confirmName: `Type the brand name "${brand.name}" exactly to confirm deleting it.` });
    expect(await app.db.selectFrom('brands').select('id').where('id', '=', brand.id).executeTakeFirst()).toBeDefined();

    const del = await manager.request('DELETE', `/api/brands/${brand.id}`, { confirmName: brand.name });
    expect(del.status).toBe(204);
    expect(await app.db.selectFrom('brands').select('id').where('id', '=', brand.id).executeTakeFirst()).toBeUndefined();
    expect(await app.db.selectFrom('streams').select('id').where('brand_id', '=', brand.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brand.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('replies').select('id').where('mention_id', '=', mention.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('mentions').select('id').where('brand_id', '=', survivor.id).execute()).toHaveLength(1);
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'brand.deleted').where('target_id', '=', brand.id).executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ name: brand.name, streams: 1, mentions: 2, replies: 1 });
    // The brand's earlier history stays in the audit log.
    expect(audit.brand_id).toBe(brand.id);

    const listed = await manager.request<{ brands: { id: string }[] }>('GET', '/api/brands');
    expect(listed.body.brands.map((b) => b.id)).not.toContain(brand.id);
  });
});
