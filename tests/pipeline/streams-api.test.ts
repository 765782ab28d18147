import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBrand, insertStream, recordPollSuccess } from '@earshot/db';
import type { AlertDto, StreamDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { seedUser } from '../support/factories.ts';

describe('streams: created with validated queries, healthy or failing in plain words, alerting', () => {
  let app: TestApp;
  let admin: ApiClient;
  let brandId: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off' });
    admin = new ApiClient(app.url);
    await admin.signIn(app.adminEmail, app.adminPassword);
    brandId = (await ensureBrand(app.db, 'Acme')).id;
  });
  afterAll(async () => app?.stop());

  const streams = async () => (await admin.request<{ streams: StreamDto[] }>('GET', '/api/streams')).body.streams;

  it('rejects a query its platform would not accept, naming the field', async () => {
    const res = await admin.request<{ error: { message: string } }>('POST', '/api/streams', {
      brandId,
      platform: 'demo',
      name: 'bad',
      query: { startedAt: 'yesterday', perMinute: 0 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'This Demo (replayed airline tweets) query cannot be used: Replay started at is not in the right form. Posts a minute must be at least 0.1.',
    );
    const unknown = await admin.request<{ error: { message: string } }>('POST', '/api/streams', { brandId, platform: 'myspace', name: 'x', query: {} });
    expect(unknown.body.error.message).toMatch(/Unknown platform "myspace"/);
    expect(await streams()).toHaveLength(0);
  });

  it('creates a stream that starts polling by itself and reports healthy', async () => {
    const res = await admin.request<{ stream: StreamDto }>('POST', '/api/streams', {
      brandId,
      platform: 'demo',
      name: 'Acme demo',
      query: { startedAt: new Date().toISOString(), perMinute: 60, backlog: 5 },
      pollIntervalMs: 5_000,
    });
    expect(res.status).toBe(201);
    expect(res.body.stream.health.state).toBe('pending');
    const healthy = await waitFor('the new stream to be polled', async () => {
      const s = (await streams()).find((x) => x.id === res.body.stream.id);
      return s?.health.state === 'ok' ? s : undefined;
    });
    expect(healthy.health.fetchedToday).toBeGreaterThanOrEqual(5);
    expect(healthy.health.lastSuccessAt).not.toBeNull();

    const off = await admin.request<{ stream: StreamDto }>('PATCH', `/api/streams/${healthy.id}`, { enabled: false });
    expect(off.body.stream.health.state).toBe('disabled');
  });

  it('lets only admins change streams', async () => {
    await seedUser(app.db, { email: 'agent@example.test', name: 'Agent', password: 'agent-password-1', role: 'agent' });
    const agent = new ApiClient(app.url);
    await agent.signIn('agent@example.test', 'agent-password-1');
    const res = await agent.request<{ error: { code: string } }>('POST', '/api/brands', { name: 'Nope' });
    expect(res.status).toBe(403);
    expect((await agent.request('GET', '/api/streams')).status).toBe(200);
  });

  it('shows a stream with no connection as failing, in words, and raises an alert after 15 minutes', async () => {
    // An X stream with no X credentials stored: every poll fails with the reason.
    const stream = await insertStream(app.db, { brandId, platform: 'x', name: 'Acme on X', query: {}, pollIntervalMs: 1_000 });
    const failing = await waitFor('the stream to fail', async () => {
      const s = (await streams()).find((x) => x.id === stream.id);
      return s?.health.state === 'failing' ? s : undefined;
    });
    expect(failing.health.lastError).toMatch(/x/i);

    // As if it had been failing for 20 minutes.
    await app.db
      .updateTable('streams')
      .set({ failing_since: new Date(Date.now() - 20 * 60_000) })
      .where('id', '=', stream.id)
      .execute();
    const alert = await waitFor('an alert', async () => {
      const { body } = await admin.request<{ alerts: AlertDto[] }>('GET', '/api/alerts');
      return body.alerts.find((a) => a.streamId === stream.id);
    });
    expect(alert.message).toMatch(/^Stream "Acme on X" \(x\) has been failing since .* UTC: /);

    await admin.request('PATCH', `/api/streams/${stream.id}`, { enabled: false });
    await waitFor('the alert to resolve', async () => {
      const { body } = await admin.request<{ alerts: AlertDto[] }>('GET', '/api/alerts');
      return body.alerts.every((a) => a.streamId !== stream.id);
    });
  });

  it('shows what a successful poll could not read as a note on a healthy stream', async () => {
    const stream = await insertStream(app.db, { brandId, platform: 'demo', name: 'Acme noted', query: { startedAt: new Date().toISOString(), perMinute: 1 }, pollIntervalMs: 60_000 });
    const notice = 'posts matching it from 2026-11-20T10:00:00Z to 2026-11-24T10:10:00Z could not be read and are missing.';
    await recordPollSuccess(app.db, stream.id, { cursor: null, fetched: 0, reads: 0, notice });
    const noted = (await streams()).find((x) => x.id === stream.id)!;
    expect(noted.health).toMatchObject({ state: 'ok', lastError: null, notice });
    expect(Date.parse(noted.health.noticeAt!)).toBeGreaterThan(Date.now() - 60_000);
    // A later poll with nothing new to say keeps the note: it is still true.
    await recordPollSuccess(app.db, stream.id, { cursor: null, fetched: 0, reads: 0 });
    expect((await streams()).find((x) => x.id === stream.id)!.health.notice).toBe(notice);
  });
});
