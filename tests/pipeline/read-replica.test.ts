import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ensureBrand, insertMentionsCounted } from '@earshot/db';
import { buildMention, testDatabaseUrl } from '@earshot/db/testing';
import type { InboxPage } from '@earshot/web';
import { startTestApp, waitFor, type TestApp } from '../support/start-test-app.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

// EARSHOT_DATABASE_READ_URL. A second PostgreSQL cannot be a streaming replica here, so the
// "replica" is the same database through connections that refuse every write
// (default_transaction_read_only): the whole inbox flow answering proves no write went there,
// and pg_stat_activity (the pool's application_name ends in "-read") proves the reads did.

function readOnlyUrl(port?: number): string {
  const u = new URL(testDatabaseUrl);
  if (port !== undefined) {
    u.hostname = '127.0.0.1';
    u.port = String(port);
  }
  u.searchParams.set('options', '-c default_transaction_read_only=on');
  return u.toString();
}

/** A browser's cookie jar, kept by name (the session cookie and the read-your-writes one). */
class Browser {
  private jar = new Map<string, string>();
  constructor(private base: string) {}
  has(name: string): boolean {
    return this.jar.has(name);
  }
  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === '') this.jar.delete(name.trim());
      else this.jar.set(name.trim(), value);
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

describe('EARSHOT_DATABASE_READ_URL: inbox reads go to the read pool, writes and read-your-writes to the primary', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'], env: { EARSHOT_DATABASE_READ_URL: readOnlyUrl() } });
    const brand = (await ensureBrand(app.db, 'Acme')).id;
    const now = Date.now();
    await insertMentionsCounted(
      app.db,
      Array.from({ length: 5 }, (_, i) => buildMention(brand, { posted_at: new Date(now - 60_000 * (i + 1)), sla_due_at: new Date(now + 60_000 * (i + 1)) })),
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function dbNow(): Promise<Date> {
    return (await sql<{ t: Date }>`select clock_timestamp() as t`.execute(app.db)).rows[0]!.t;
  }
  async function readPoolUsedSince(t: Date): Promise<boolean> {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from pg_stat_activity
      where application_name = ${`${app.applicationName}-read`} and query_start > ${t}`.execute(app.db);
    return rows[0]!.n !== '0';
  }

  it('refuses a read URL that is not postgres://', async () => {
    await expect(startTestApp({ demo: 'off', roles: ['web'], env: { EARSHOT_DATABASE_READ_URL: 'mysql://replica/earshot' } })).rejects.toThrow(/EARSHOT_DATABASE_READ_URL/);
  });

  it('serves the inbox from the read pool, and a browser that just wrote from the primary', async () => {
    const browser = new Browser(app.url);
    const signIn = await browser.request('POST', '/api/session', { email: app.adminEmail, password: app.adminPassword });
    expect(signIn.status).toBe(200);
    expect(browser.has('earshot_wrote')).toBe(false);

    let t0 = await dbNow();
    const page = await browser.request<InboxPage>('GET', '/api/mentions?limit=50');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    expect(await readPoolUsedSince(t0)).toBe(true);
    t0 = await dbNow();
    const counts = await browser.request('GET', '/api/inbox/counts');
    expect(counts.status).toBe(200);
    expect(await readPoolUsedSince(t0)).toBe(true);

    // A write goes to the primary (the read pool would refuse it) and marks the browser.
    const first = page.body.items[0]!;
    const closed = await browser.request<{ changed: string[] }>('POST', '/api/mentions/status', { ids: [first.id], status: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body.changed).toEqual([first.id]);
    expect(browser.has('earshot_wrote')).toBe(true);

    // Its next inbox read is the primary's: no read-pool connection starts a statement for it.
    t0 = await dbNow();
    const after = await browser.request<InboxPage>('GET', '/api/mentions?limit=50');
    expect(after.status).toBe(200);
    expect(after.body.items.map((m) => m.id)).not.toContain(first.id);
    expect(await readPoolUsedSince(t0)).toBe(false);

    // A browser that has not written reads the same list from the read pool.
    const fresh = new Browser(app.url);
    expect((await fresh.request('POST', '/api/session', { email: app.adminEmail, password: app.adminPassword })).status).toBe(200);
    t0 = await dbNow();
    const other = await fresh.request<InboxPage>('GET', '/api/mentions?limit=50');
    expect(other.status).toBe(200);
    expect(await readPoolUsedSince(t0)).toBe(true);
  });
});

describe('EARSHOT_DATABASE_READ_URL: a replica that goes away', () => {
  let app: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    app = await startTestApp({ demo: 'off', roles: ['web'], env: { EARSHOT_DATABASE_READ_URL: readOnlyUrl(proxy.port) } });
    const brand = (await ensureBrand(app.db, 'Acme')).id;
    await insertMentionsCounted(app.db, [buildMention(brand, { posted_at: new Date(Date.now() - 60_000) })]);
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
  });

  type Readyz = { status: string; message: string; dependencies: { replica?: { status: string; message: string } } };
  async function readyz(): Promise<{ code: number; body: Readyz }> {
    const res = await fetch(`${app.url}/readyz`);
    return { code: res.status, body: (await res.json()) as Readyz };
  }

  it('is listed in /readyz; while it is down the process stays ready and lists read from the primary', async () => {
    const up = await readyz();
    expect(up.code).toBe(200);
    expect(up.body.dependencies.replica?.status).toBe('up');

    const browser = new Browser(app.url);
    expect((await browser.request('POST', '/api/session', { email: app.adminEmail, password: app.adminPassword })).status).toBe(200);
    expect((await browser.request<InboxPage>('GET', '/api/mentions?limit=50')).body.items).toHaveLength(1);

    await proxy.cut();
    // The web role checks the replica every few seconds by itself; nobody needs to ask /readyz.
    const down = await waitFor(
      'the inbox to answer again from the primary',
      async () => {
        const pageAfterCut = await browser.request<InboxPage>('GET', '/api/mentions?limit=50');
        return pageAfterCut.status === 200 ? pageAfterCut : undefined;
      },
      15_000,
    );
    expect(down.body.items).toHaveLength(1);
    const report = await readyz();
    expect(report.code).toBe(200);
    expect(report.body.status).toBe('ready');
    expect(report.body.dependencies.replica?.status).toBe('down');
    expect(report.body.message).toMatch(/read replica \(EARSHOT_DATABASE_READ_URL\) has not answered since .*read from the primary until it answers again/);

    await proxy.restore();
    await waitFor('the replica to be reported up again', async () => (await readyz()).body.dependencies.replica?.status === 'up', 15_000);
    expect((await browser.request<InboxPage>('GET', '/api/mentions?limit=50')).status).toBe(200);
  });
});
