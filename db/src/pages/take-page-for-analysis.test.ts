import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { lockBrandIncidents } from '../incidents/lock-brand-incidents.ts';
import { takePageForAnalysis } from './take-page-for-analysis.ts';

describe('takePageForAnalysis', () => {
  let t: TestDb;
  let brand: string;

  beforeAll(async () => {
    t = await createTestDb();
    brand = (await t.db.insertInto('brands').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t.drop());

  const newPage = async () =>
    (await t.db.insertInto('collected_pages').values({ brand_id: brand, platform: 'demo', mentions: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
  const newIncident = async (db: typeof t.db, factor: number | null) => {
    const alert = await db.insertInto('alerts').values({ brand_id: brand, kind: 'spike', message: 'storm' }).returning('id').executeTakeFirstOrThrow();
    return (await db.insertInto('incidents').values({ alert_id: alert.id, brand_id: brand, terms: JSON.stringify(['refund']), match: JSON.stringify({ sentiment: 'negative' }), deadline_factor: factor }).returning('id').executeTakeFirstOrThrow()).id;
  };

  it('takes the page once, with the open incidents', async () => {
    const incident = await newIncident(t.db, 0.5);
    const page = await newPage();
    const first = await t.db.transaction().execute((trx) => takePageForAnalysis(trx, page, brand));
    expect(first).toMatchObject({ taken: true, policy: undefined, incidents: [{ id: incident, terms: ['refund'], match: { sentiment: 'negative' }, deadline_factor: 0.5 }] });
    expect((await t.db.transaction().execute((trx) => takePageForAnalysis(trx, page, brand))).taken).toBe(false);
    await t.db.updateTable('alerts').set({ resolved_at: new Date() }).execute();
  });

  it('sees an incident committed by a detection tick it waited for (the read happens after the lock)', async () => {
    const page = await newPage();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // The tick: holds the brand's incident lock exclusively while it opens an incident.
    const tick = t.db.transaction().execute(async (trx) => {
      await lockBrandIncidents(trx, brand, 'exclusive');
      locked();
      await held;
      return newIncident(trx, 0.25);
    });
    await isLocked;
    const analyze = t.db.transaction().execute((trx) => takePageForAnalysis(trx, page, brand));
    // Analyze is waiting on the lock (its statement, and so its snapshot, started before the commit).
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(t.db);
    expect(waiting.rows[0]!.n).toBeGreaterThan(0);
    release();
    const incident = await tick;
    const taken = await analyze;
    expect(taken.taken).toBe(true);
    expect(taken.incidents.map((i) => i.id)).toEqual([incident]);
  });
});
