import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, platformDefinitions } from 'earshot';
import type { ConnectionDto, PlatformDto } from '@earshot/web';
import { ApiClient } from '../support/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

/**
 * Every platform that takes credentials: they are stored sealed, and no API response or
 * log line ever contains a value.
 */
const randomDigits = (n: number) => Array.from({ length: n }, (_, i) => randomInt(i === 0 ? 1 : 0, 10)).join('');
const randomChars = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz234567'[randomInt(32)]).join('');

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
    // Random values of a shape each field accepts (ids, keys, app passwords, handles), unique
    // enough never to occur in a response or log line by chance.
    const shapes = [
      () => randomDigits(18),
      () => Array.from({ length: 4 }, () => randomChars(4)).join('-'),
      () => `${randomChars(16)}.example.test`,
    ];
    const values: Record<string, string> = Object.fromEntries(definition.credentials!.fields.map((f) => [f.name, shapes[0]!()]));
    for (const shape of shapes.slice(1)) {
      const check = definition.credentials!.schema.safeParse(values);
      if (check.success) break;
      for (const issue of check.error.issues) values[String(issue.path[0])] = shape();
    }
    expect(definition.credentials!.schema.safeParse(values).success).toBe(true);
    const saved = await api.request<{ connection: ConnectionDto }>('PUT', `/api/connections/${platform}`, { credentials: values });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.connection.configured).toBe(true);

    const listed = await api.request<{ connections: ConnectionDto[] }>('GET', '/api/connections');
    expect(listed.body.connections.find((c) => c.platform === platform)?.fields.sort()).toEqual(Object.keys(values).sort());
    await api.request<{ platforms: PlatformDto[] }>('GET', '/api/platforms');
    await api.request('GET', '/api/streams');

    const row = await app.db.selectFrom('platform_connections').selectAll().where('platform', '=', platform).executeTakeFirstOrThrow();
    // Let the collectors pick the connection up on their next sync (every second in tests).
    await new Promise((r) => setTimeout(r, 1_500));

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
