import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LogFields, Logger } from '@earshot/db';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

interface Line {
  level: keyof Logger;
  message: string;
  fields: LogFields;
}

// The web server logs through the app's logger (not a second one, not nowhere), and every
// line about a request carries its id, which the response echoes.
describe('request logging', () => {
  let app: TestApp;
  const lines: Line[] = [];
  const capture = (level: keyof Logger) => (message: string, fields: LogFields = {}) => void lines.push({ level, message, fields });
  const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off', logger });
  });
  afterAll(async () => app.stop());

  it("echoes a caller's X-Request-Id and logs the request under it, at debug", async () => {
    const res = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a-0001' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a-0001');
    const done = lines.find((l) => l.fields.reqId === 'lb-7f3a-0001' && l.message === 'request completed');
    expect(done).toMatchObject({ level: 'debug', fields: { status: 200 } });
  });

  it('gives a request without one (or with a malformed one) a fresh id', async () => {
    const plain = await fetch(`${app.url}/healthz`);
    const odd = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'has spaces <and> markup' } });
    const ids = [plain.headers.get('x-request-id'), odd.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('logs a failed request as an error with its id, and tells the caller only that it was logged', async () => {
    await sql`alter table users rename to users_moved_away`.execute(app.db);
    try {
      const res = await fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'lb-7f3a-0002' },
        body: JSON.stringify({ email: 'someone@example.test', password: 'not-the-password' }),
      });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('users');
      const failed = lines.find((l) => l.level === 'error' && l.fields.reqId === 'lb-7f3a-0002');
      expect(failed?.message).toBe('request failed');
      expect(String(failed?.fields.error)).toContain('users');
    } finally {
      await sql`alter table users_moved_away rename to users`.execute(app.db);
    }
  });
});
