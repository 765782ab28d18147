import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/index.ts';
import { insertSession } from '../sessions/insert-session.ts';
import { changeUserAccess } from './change-user-access.ts';
import { insertUser } from './insert-user.ts';

describe('changeUserAccess', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t.drop());

  const admin = (email: string) => insertUser(t.db, { email, name: email, passwordHash: 'x', role: 'admin' });
  const activeAdmins = async () =>
    (await t.db.selectFrom('users').select('email').where('role', '=', 'admin').where('disabled_at', 'is', null).execute()).map((u) => u.email).sort();

  it('lets exactly one of two admins demoting each other at once succeed, many times over', async () => {
    for (let round = 0; round < 10; round++) {
      const a = await admin(`a${round}@example.test`);
      const b = await admin(`b${round}@example.test`);
      // Only these two are active admins this round.
      await t.db.updateTable('users').set({ disabled_at: new Date() }).where('role', '=', 'admin').where('id', 'not in', [a.id, b.id]).execute();
      const outcomes = await Promise.allSettled([changeUserAccess(t.db, a.id, { role: 'agent' }), changeUserAccess(t.db, b.id, { disabled: true })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected')!;
      expect(String(refused.reason)).toMatch(/last active admin/);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it('ends the sessions of the user it disables in the same transaction, and re-enables', async () => {
    await admin('keeper@example.test');
    const user = await insertUser(t.db, { email: 'agent@example.test', name: 'A', passwordHash: 'x', role: 'agent' });
    await insertSession(t.db, { tokenHash: 'h1', userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    await insertSession(t.db, { tokenHash: 'h2', userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    const disabled = await changeUserAccess(t.db, user.id, { disabled: true });
    expect(disabled.sessionsEnded).toBe(2);
    expect(disabled.after.disabled_at).not.toBeNull();
    const enabled = await changeUserAccess(t.db, user.id, { disabled: false, role: 'manager' });
    expect(enabled.after).toMatchObject({ disabled_at: null, role: 'manager' });
    await expect(changeUserAccess(t.db, '00000000-0000-4000-8000-000000000000', { role: 'agent' })).rejects.toThrow(/not found/);
  });
});
