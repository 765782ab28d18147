import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMention } from '@earshot/db';
import { autoAssign } from '@earshot/worker';
import { signedInClient, type ApiClient } from '../support/api-client.ts';
import { buildMention, seedBrand, seedSignedInUser, seedUser } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

// Automatic assignment per brand: fewest open mentions first (turns on a tie), never above the
// brand's cap, never to an agent who is away, a viewer or a disabled user; audited.

const PASSWORD = 'auto-assign-password';
const HOUR = 3_600_000;

describe('team inbox: automatic assignment', () => {
  let app: TestApp;
  let ana: ApiClient;
  let admin: ApiClient;
  let anaId: string;
  let benId: string;
  let caraId: string;
  let brandOn: string;
  let brandOff: string;

  beforeAll(async () => {
    app = await startTestApp({ demo: 'off', roles: ['web'] });
    ({ client: ana, user: { id: anaId } } = await seedSignedInUser(app, { email: 'ana@example.test', name: 'Ana', password: PASSWORD, role: 'agent' }));
    benId = (await seedUser(app.db, { email: 'ben@example.test', name: 'Ben', password: PASSWORD, role: 'agent' })).user.id;
    caraId = (await seedUser(app.db, { email: 'cara@example.test', name: 'Cara', password: PASSWORD, role: 'agent' })).user.id;
    await seedUser(app.db, { email: 'vic@example.test', name: 'Vic', password: PASSWORD, role: 'viewer' });
    const { user: gone } = await seedUser(app.db, { email: 'gone@example.test', name: 'Gone', password: PASSWORD, role: 'agent' });
    await app.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', gone.id).execute();
    admin = await signedInClient(app);
    brandOn = (await seedBrand(app.db, 'On')).id;
    brandOff = (await seedBrand(app.db, 'Off')).id;
    const now = Date.now();
    const rows: NewMention[] = [];
    for (let i = 0; i < 12; i++) rows.push(buildMention(brandOn, { sla_due_at: new Date(now + (i + 1) * HOUR) }));
    for (let i = 0; i < 3; i++) rows.push(buildMention(brandOff, { sla_due_at: new Date(now + (i + 1) * HOUR) }));
    await app.db.insertInto('mentions').values(rows).execute();
    // Ben already holds one open mention of the brand.
    const first = await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brandOn).orderBy('sla_due_at').executeTakeFirstOrThrow();
    await app.db.updateTable('mentions').set({ assignee_id: benId }).where('id', '=', first.id).execute();
  });
  afterAll(async () => app?.stop());

  const held = async () => {
    const rows = await app.db.selectFrom('mentions').select(['assignee_id', 'brand_id']).where('status', '=', 'open').execute();
    const n = (id: string | null, brand = brandOn) => rows.filter((r) => r.assignee_id === id && r.brand_id === brand).length;
    return { ana: n(anaId), ben: n(benId), cara: n(caraId), nobody: n(null), offNobody: n(null, brandOff) };
  };

  it('is off until a manager turns it on; agents cannot', async () => {
    expect(await autoAssign(app.earshot.runtime)).toBe(0);
    expect((await ana.request('PUT', `/api/brands/${brandOn}/auto-assign`, { cap: 3 })).status).toBe(403);
    const bad = await admin.request<{ error: { message: string } }>('PUT', `/api/brands/${brandOn}/auto-assign`, { cap: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('at least 1');
    expect((await admin.request('PUT', `/api/brands/${brandOn}/auto-assign`, { cap: 3 })).status).toBe(200);
  });

  it('skips agents who are away, fills the least loaded first and stops at the cap', async () => {
    expect((await ana.request('PUT', '/api/account/away', { away: true })).status).toBe(200);
    // Admin (3 free), Ben (2 free: holds 1), Cara (3 free): 8 of the 11 waiting.
    expect(await autoAssign(app.earshot.runtime)).toBe(8);
    expect(await held()).toEqual({ ana: 0, ben: 3, cara: 3, nobody: 3, offNobody: 3 });
    const adminId = (await app.db.selectFrom('users').select('id').where('email', '=', app.adminEmail).executeTakeFirstOrThrow()).id;
    expect(await app.db.selectFrom('mentions').select('id').where('assignee_id', '=', adminId).execute()).toHaveLength(3);
    // Nothing more while everyone is full; Ana back from away takes three.
    expect(await autoAssign(app.earshot.runtime)).toBe(0);
    await ana.request('PUT', '/api/account/away', { away: false });
    expect(await autoAssign(app.earshot.runtime)).toBe(3);
    expect(await held()).toEqual({ ana: 3, ben: 3, cara: 3, nobody: 0, offNobody: 3 });
    const audited = await app.db.selectFrom('audit_log').select(['actor_label', 'details']).where('action', '=', 'mention.assigned').execute();
    expect(audited).toHaveLength(11);
    expect(audited.every((a) => a.actor_label === 'auto-assign')).toBe(true);
  });

  it('takes turns: the earliest deadline goes to the least loaded', async () => {
    // Closing two of Cara's makes her the least loaded: the next ones go to her.
    const caras = await app.db.selectFrom('mentions').select('id').where('assignee_id', '=', caraId).limit(2).execute();
    await app.db.updateTable('mentions').set({ status: 'closed' }).where('id', 'in', caras.map((c) => c.id)).execute();
    const fresh = await app.db.insertInto('mentions').values([buildMention(brandOn), buildMention(brandOn)]).returning('id').execute();
    expect(await autoAssign(app.earshot.runtime)).toBe(2);
    const got = await app.db.selectFrom('mentions').select('assignee_id').where('id', 'in', fresh.map((f) => f.id)).execute();
    expect(got.map((g) => g.assignee_id)).toEqual([caraId, caraId]);
    await admin.request('PUT', `/api/brands/${brandOn}/auto-assign`, { cap: null });
    await app.db.insertInto('mentions').values(buildMention(brandOn)).execute();
    expect(await autoAssign(app.earshot.runtime)).toBe(0);
  });

  it('skips agents whose brand limit leaves the mention\'s brand out', async () => {
    // Only Dora is available, and she may see brand Off only.
    const { user: dora } = await seedUser(app.db, { email: 'dora@example.test', name: 'Dora', password: PASSWORD, role: 'agent', brandIds: [brandOff] });
    await app.db.updateTable('users').set({ away: true }).where('id', '!=', dora.id).execute();
    await admin.request('PUT', `/api/brands/${brandOn}/auto-assign`, { cap: 5 });
    await admin.request('PUT', `/api/brands/${brandOff}/auto-assign`, { cap: 5 });
    const onWaiting = await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brandOn).where('status', '=', 'open').where('assignee_id', 'is', null).execute();
    expect(onWaiting.length).toBeGreaterThan(0);

    expect(await autoAssign(app.earshot.runtime)).toBe(3);
    const doras = await app.db.selectFrom('mentions').select('brand_id').where('assignee_id', '=', dora.id).execute();
    expect(doras.map((d) => d.brand_id)).toEqual([brandOff, brandOff, brandOff]);
    // Brand On's mentions wait for someone who may see them.
    const stillWaiting = await app.db.selectFrom('mentions').select('id').where('brand_id', '=', brandOn).where('status', '=', 'open').where('assignee_id', 'is', null).execute();
    expect(stillWaiting.map((m) => m.id).sort()).toEqual(onWaiting.map((m) => m.id).sort());
    await app.db.updateTable('users').set({ away: false }).execute();
  });
});
