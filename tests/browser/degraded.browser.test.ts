import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@earshot/db/testing';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { eventually, signIn, useBrowser } from './harness.ts';

// The dashboard says "Degraded" while the server cannot reach PostgreSQL, and clears it by
// itself when PostgreSQL is back. PostgreSQL is cut through a loopback proxy (never stopped).
// Redis, which carries the live stream, stays up: the live status alone would still say "Live".
describe('the dashboard while PostgreSQL is unreachable', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  const { openPage } = useBrowser();

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(testDatabaseUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    app = await startTestApp({ roles: ['web'], demo: 'off', env: { DATABASE_URL: proxied.toString() } });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await app?.stop();
    await proxy?.close();
  });

  it('shows "Degraded" naming PostgreSQL during the cut and recovers without a reload', async () => {
    const { page, context, pageErrors, cspViolations } = await openPage();
    await signIn(page, app);
    await eventually(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('live');
    expect(await page.getByTestId('readiness').count()).toBe(0);

    await proxy.cut();
    // Polled every 30 s while everything answers: within that, plus the 2 s check.
    await eventually(() => page.getByTestId('readiness').count(), 40_000).toBe(1);
    expect(await page.getByTestId('readiness').textContent()).toMatch(/Degraded.*PostgreSQL has not answered since/);
    expect(await page.getByTestId('live-status').getAttribute('data-status')).toBe('live');

    await proxy.restore();
    // Polled every 5 s while degraded.
    await eventually(() => page.getByTestId('readiness').count(), 15_000).toBe(0);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
