import { sql } from 'kysely';
import { ALL_BRANDS } from '../brand-access/brand-scope.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/index.ts';
import { findAuditPage } from './find-audit-page.ts';
import { insertAuditEntry } from './insert-audit-entry.ts';

describe('audit_log', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.drop());

  it('is append-only: UPDATE, DELETE and TRUNCATE fail and leave the entry as written', async () => {
    const entry = await insertAuditEntry(t.db, {
      actor: { id: null, label: 'someone@example.test' },
      action: 'session.sign_in_failed',
      details: { reason: 'wrong password' },
      clientAddress: '127.0.0.1',
    });
    await expect(sql`update audit_log set actor_label = 'nobody' where id = ${entry.id}`.execute(t.db)).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`delete from audit_log where id = ${entry.id}`.execute(t.db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only: TRUNCATE/);
    const after = await t.db.selectFrom('audit_log').selectAll().where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(after).toEqual(entry);
    expect(after.details).toEqual({ reason: 'wrong password' });
  });

  it('pages newest first by id and filters by actor, action, brand and time', async () => {
    const brandId = '6f1f8a3e-4a51-4c1e-9a51-1d7c1b0a0001';
    const actorId = '6f1f8a3e-4a51-4c1e-9a51-1d7c1b0a0002';
    const written = [];
    for (let i = 0; i < 7; i++) {
      written.push(
        await insertAuditEntry(t.db, {
          actor: { id: i % 2 === 0 ? actorId : null, label: i % 2 === 0 ? 'a@example.test' : 'cli' },
          action: i < 4 ? 'stream.updated' : 'reply.sent',
          brandId: i % 3 === 0 ? brandId : null,
          target: { type: 'stream', id: String(i) },
        }),
      );
    }
    const ids = written.map((w) => w.id).reverse();
    const first = await findAuditPage(t.db, { scope: ALL_BRANDS }, { limit: 3 });
    expect(first.hasMore).toBe(true);
    const second = await findAuditPage(t.db, { scope: ALL_BRANDS }, { limit: 3, beforeId: first.rows.at(-1)!.id });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(ids.slice(0, 6));

    const byActor = await findAuditPage(t.db, { scope: ALL_BRANDS, actorId }, { limit: 50 });
    expect(byActor.rows.map((r) => r.target_id)).toEqual(['6', '4', '2', '0']);
    const byAction = await findAuditPage(t.db, { scope: ALL_BRANDS, action: 'reply.sent' }, { limit: 50 });
    expect(byAction.rows.map((r) => r.target_id)).toEqual(['6', '5', '4']);
    const byBrand = await findAuditPage(t.db, { scope: ALL_BRANDS, brandId }, { limit: 50 });
    expect(byBrand.rows.map((r) => r.target_id)).toEqual(['6', '3', '0']);
    const fromFourth = await findAuditPage(t.db, { scope: ALL_BRANDS, from: written[4]!.at, action: 'reply.sent' }, { limit: 50 });
    expect(fromFourth.rows.map((r) => r.target_id)).toEqual(['6', '5', '4']);
    const beforeFourth = await findAuditPage(t.db, { scope: ALL_BRANDS, to: written[4]!.at, actorId }, { limit: 50 });
    expect(beforeFourth.rows.map((r) => r.target_id)).toEqual(['2', '0']);
  });
});
