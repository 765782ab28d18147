import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessDto } from '@earshot/web';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// What a load balancer sees from a healthy web role: both probes answer without a session.
// The probes saying "down" are tested in tests/faults (Redis restarted, PostgreSQL cut).
describe('GET /healthz and GET /readyz', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ roles: ['web'], demo: 'off' });
  });
  afterAll(async () => app.stop());

  it('answers liveness without a session and without touching the dependencies', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'alive' });
  });

  it('is ready, naming PostgreSQL and Redis as up', async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as ReadinessDto;
    expect(body.status).toBe('ready');
    expect(body.dependencies.postgresql).toMatchObject({ status: 'up', message: 'PostgreSQL answers.' });
    expect(body.dependencies.redis).toMatchObject({ status: 'up', message: 'Redis answers.' });
    expect(Date.parse(body.dependencies.postgresql.since)).toBeLessThanOrEqual(Date.parse(body.checkedAt));
  });

  it('lists both probes as public routes', () => {
    const keys = app.earshot.routes.map((r) => `${r.method} ${r.url} ${r.access}`);
    expect(keys).toContain('GET /healthz public');
    expect(keys).toContain('GET /readyz public');
  });
});
