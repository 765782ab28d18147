import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, platformDefinitions } from 'earshot';
import type { ConnectionDto, PlatformDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { credentialValuesFor } from '../support/credential-values.ts';
import { waitForCollectorsSync } from '../support/settled.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

/**
 * Every platform that takes credentials: they are stored sealed, and no API response or
 * log line ever contains a value.
 */
describe('platform credentials are write-only', () => {
  let app: TestApp;
  const logLines: string[] = [];
  const responses: string[] = [];
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ logger: createLogger({ level: 'debug', secrets: [], write: (l) => logLines.push(l) }) });
    api = new ApiClient(app.url);
    const request = api.request.bind(api);
    api.request = async (method, path, body) => {
      const res = await request(method, path, body);
      responses.push(JSON.stringify(res.body ?? null));
      return res as never;
    };
    await api.signIn(app.adminEmail, app.adminPassword);
  });
  afterAll(async () => app?.stop());

  const definitions = platformDefinitions(loadConfig({}, { dotenv: false })).filter((d) => d.credentials);

  it('has at least one platform that takes credentials', () => {
    expect(definitions.length).toBeGreaterThan(0);
  });

  it.each(definitions.map((d) => [d.platform, d] as const))('%s: saved, listed by field name only, never echoed or logged', async (platform, definition) => {
    const values = credentialValuesFor(definition);
    const saved = await api.request<{ connection: ConnectionDto }>('PUT', `/api/connections/${platform}`, { credentials: values });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.connection.configured).toBe(true);

    const listed = await api.request<{ connections: ConnectionDto[] }>('GET', '/api/connections');
    expect(listed.body.connections.find((c) => c.platform === platform)?.fields.sort()).toEqual(Object.keys(values).sort());
    await api.request<{ platforms: PlatformDto[] }>('GET', '/api/platforms');
    await api.request('GET', '/api/streams');

    const row = await app.db.selectFrom('platform_connections').selectAll().where('platform', '=', platform).executeTakeFirstOrThrow();
    // The collectors have picked the connection up (and logged whatever they log about it).
    await waitForCollectorsSync(app.bus);

    for (const value of Object.values(values)) {
      expect(row.sealed_credentials).not.toContain(value);
      for (const body of responses) expect(body).not.toContain(value);
      for (const line of logLines) expect(line).not.toContain(value);
    }
    expect(logLines.some((l) => l.includes('platform credentials saved'))).toBe(true);

    const removed = await api.request('DELETE', `/api/connections/${platform}`);
    expect(removed.status).toBe(204);
  });

  it('refuses agents, unknown platforms, and bad bodies with a precise message', async () => {
    const anonymous = await new ApiClient(app.url).request('GET', '/api/connections');
    expect(anonymous.status).toBe(401);
    const unknown = await api.request<{ error: { message: string } }>('PUT', '/api/connections/myspace', { credentials: { a: 'b' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown platform "myspace"/);
    const demo = await api.request<{ error: { message: string } }>('PUT', '/api/connections/demo', { credentials: { a: 'b' } });
    expect(demo.body.error.message).toMatch(/needs no credentials/);
    const bad = await api.request<{ error: { message: string } }>('PUT', `/api/connections/${definitions[0]!.platform}`, { credentials: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid connection: credentials/);
  });
});
