import { insertMentionsCounted, type NewMention } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaTick, slaLevel, type SlaAlertDetails } from './run-sla-tick.ts';

const NOW = new Date(Date.UTC(2026, 10, 25, 12, 0, 30));
const MIN = 60_000;
const due = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);

describe('slaLevel', () => {
  it('counts the escalation steps (1, 10, 50, 200) a breached count has reached', () => {
    expect([0, 1, 9, 10, 49, 50, 199, 200, 5000].map(slaLevel)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});

describe('runSlaTick (PostgreSQL): one SLA alert per brand, counted each minute', () => {
  let t: TestDb;
  let a: string; // a policy with a 30-minute lead time
  let b: string; // no policy: the 15-minute default
  let c: string; // nothing at risk
  const open = (brand: string, minutes: number, over: Partial<NewMention> = {}) =>
    buildMention(brand, { sla_due_at: due(minutes), posted_at: due(minutes - 60), ...over });

  const alertsOf = (brand: string) =>
    t.db.selectFrom('alerts').selectAll().where('kind', '=', 'sla').where('brand_id', '=', brand).orderBy('created_at').execute();
  const notificationsOf = (brand: string) =>
    t.db.selectFrom('notifications').selectAll().where('kind', '=', 'sla').where('brand_id', '=', brand).orderBy('created_at').execute();

  beforeAll(async () => {
    t = await createTestDb();
    [a, b, c] = (
      await t.db.insertInto('brands').values([{ name: 'A' }, { name: 'B' }, { name: 'C' }]).returning('id').execute()
    ).map((r) => r.id) as [string, string, string];
    await t.db
      .insertInto('sla_policies')
      .values({ brand_id: a, targets_minutes: JSON.stringify({ P1: 30, P2: 60, P3: 240, P4: 1440 }), alert_lead_minutes: 30 })
      .execute();
    await insertMentionsCounted(t.db, [
      open(a, -5),
      open(a, -60),
      open(a, 20), // within A's 30 minutes
      open(a, 45), // not yet
      open(a, -10, { status: 'answered' }), // answered: not at risk
      open(a, -10, { is_spam: true }), // spam is never at risk
      open(a, -10, { intent: 'spam' }),
      open(b, 10), // within the default 15
      open(b, 20), // not yet
      open(c, 120),
    ]);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('counts breached and about-to-breach per brand with its lead time, opens one alert each, and notifies once', async () => {
    const r = await runSlaTick(t.db, { now: NOW });
    expect(r).toMatchObject({ locked: false, brands: 2, opened: 2, escalated: 0, closed: 0 });
    const [alertA] = await alertsOf(a);
    expect(alertA).toMatchObject({ status: 'open', total: 3 });
    expect(alertA!.details).toMatchObject({ breached: 2, dueSoon: 1, leadMinutes: 30, level: 1 } satisfies Partial<SlaAlertDetails>);
    expect(alertA!.message).toBe('SLA: 2 open mentions have breached the SLA; 1 mention is due within 30 minutes (next at 12:20 UTC).');
    const [alertB] = await alertsOf(b);
    expect(alertB!.details).toMatchObject({ breached: 0, dueSoon: 1, leadMinutes: 15, level: 0 });
    expect(await alertsOf(c)).toHaveLength(0);

    const [na] = await notificationsOf(a);
    expect(na).toMatchObject({ severity: 'high', source_id: alertA!.id, title: 'SLA breached' });
    expect(na!.link_path).toBe(`/inbox?brandId=${a}&response=missed`);
    const [nb] = await notificationsOf(b);
    expect(nb).toMatchObject({ severity: 'low', title: 'SLA about to breach' });

    // The next minute, same counts: nothing new.
    const again = await runSlaTick(t.db, { now: new Date(NOW.getTime() + MIN) });
    expect(again).toMatchObject({ opened: 0, escalated: 0, updated: 0, closed: 0 });
    expect(await alertsOf(a)).toHaveLength(1);
    expect(await notificationsOf(a)).toHaveLength(1);
  });

  it('notifies again only when the breached count reaches a new step, never per mention', async () => {
    // 8 more breached: 10 in all, the second step.
    await insertMentionsCounted(t.db, Array.from({ length: 8 }, (_, i) => open(a, -1 - i)));
    const r = await runSlaTick(t.db, { now: NOW });
    expect(r).toMatchObject({ opened: 0, escalated: 1 });
    let notes = await notificationsOf(a);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatchObject({ title: 'SLA breaches: 10 and counting', severity: 'high' });

    // One more (11): counts updated, nobody told.
    const [extra] = await insertMentionsCounted(t.db, [open(a, -2)]);
    expect(await runSlaTick(t.db, { now: NOW })).toMatchObject({ escalated: 0, updated: 1 });
    expect((await alertsOf(a))[0]!.details).toMatchObject({ breached: 11, level: 2 });

    // Down to 9 and back to 10: the level stays, so no second notification for step 10.
    await t.db.updateTable('mentions').set({ status: 'answered' }).where('id', 'in', [extra!.id]).execute();
    const [one] = await t.db.selectFrom('mentions').select('id').where('brand_id', '=', a).where('status', '=', 'open').where('sla_due_at', '<', NOW).where('is_spam', '=', false).where('intent', '<>', 'spam').limit(1).execute();
    await t.db.updateTable('mentions').set({ status: 'answered' }).where('id', '=', one!.id).execute();
    expect(await runSlaTick(t.db, { now: NOW })).toMatchObject({ escalated: 0 });
    expect((await alertsOf(a))[0]!.details).toMatchObject({ breached: 9, level: 2 });
    await t.db.updateTable('mentions').set({ status: 'open' }).where('id', '=', one!.id).execute();
    expect(await runSlaTick(t.db, { now: NOW })).toMatchObject({ escalated: 0 });
    notes = await notificationsOf(a);
    expect(notes).toHaveLength(2);
    expect(await alertsOf(a)).toHaveLength(1);
  });

  it('closes a brand’s alert when nothing is breached or about to breach, and opens a new one next time', async () => {
    await t.db.updateTable('mentions').set({ status: 'answered' }).where('brand_id', '=', b).execute();
    const r = await runSlaTick(t.db, { now: NOW });
    expect(r.closed).toBe(1);
    const [closed] = await alertsOf(b);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(closed!.resolved_at).not.toBeNull();
    // A's alert is untouched by B's closing.
    expect((await alertsOf(a))[0]).toMatchObject({ status: 'open' });

    await insertMentionsCounted(t.db, [open(b, 5)]);
    expect(await runSlaTick(t.db, { now: NOW })).toMatchObject({ opened: 1 });
    const bs = await alertsOf(b);
    expect(bs.map((x) => x.status)).toEqual(['closed', 'open']);
    expect(await notificationsOf(b)).toHaveLength(2);
  });
});
