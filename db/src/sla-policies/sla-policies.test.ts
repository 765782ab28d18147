import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { buildMention, mentionSeq } from '../testing/factories.ts';
import type { NewMention } from '../schema.ts';
import { findSlaPolicy } from './find-sla-policy.ts';
import { upsertSlaPolicy } from './upsert-sla-policy.ts';
import { listOpenMentionsForSla } from './list-open-mentions-for-sla.ts';
import { updateMentionDeadlines } from './update-mention-deadlines.ts';
import { SlaPolicyInputSchema } from '@earshot/policy';

const mention = (brandId: string, over: Partial<NewMention> = {}): NewMention =>
  buildMention(brandId, { posted_at: new Date(Date.UTC(2026, 10, 24, 10, 0, (mentionSeq() + 1) % 60)), ...over });

describe('sla policy queries', () => {
  let t: TestDb;
  let brandA: string;
  let brandB: string;
  beforeAll(async () => {
    t = await createTestDb();
    [brandA, brandB] = (await t.db.insertInto('brands').values([{ name: 'A' }, { name: 'B' }]).returning('id').execute()).map((r) => r.id) as [string, string];
  });
  afterAll(async () => t.drop());

  it('finds nothing for a brand without a policy', async () => {
    expect(await findSlaPolicy(t.db, brandB)).toBeUndefined();
  });

  it('inserts, then replaces, a policy, storing jsonb values as JSON (arrays too)', async () => {
    const first = SlaPolicyInputSchema.parse({
      timeZone: 'Europe/Berlin',
      targetsMinutes: { P1: 15, P2: 60, P3: 240, P4: 1440 },
      businessHours: { '1': { open: '09:00', close: '17:00' } },
      holidays: ['2026-12-25', '2026-12-24'],
    });
    const stored = await upsertSlaPolicy(t.db, brandA, first);
    expect(stored).toMatchObject({
      brand_id: brandA,
      time_zone: 'Europe/Berlin',
      targets_minutes: { P1: 15, P2: 60, P3: 240, P4: 1440 },
      business_hours: { '1': { open: '09:00', close: '17:00' } },
      holidays: ['2026-12-24', '2026-12-25'],
    });
    const types = await sql<{ h: string; b: string }>`
      select jsonb_typeof(holidays) as h, jsonb_typeof(business_hours) as b from sla_policies where brand_id = ${brandA}`.execute(t.db);
    expect(types.rows[0]).toEqual({ h: 'array', b: 'object' });

    const second = await upsertSlaPolicy(t.db, brandA, SlaPolicyInputSchema.parse({ targetsMinutes: { P1: 5, P2: 10, P3: 20, P4: 30 } }));
    expect(second.updated_at.getTime()).toBeGreaterThanOrEqual(stored.updated_at.getTime());
    const found = await findSlaPolicy(t.db, brandA);
    expect(found).toMatchObject({ time_zone: 'UTC', targets_minutes: { P1: 5, P2: 10, P3: 20, P4: 30 }, business_hours: null, holidays: [] });
    // Around the clock is SQL null, not the JSON value null.
    const isNull = await sql<{ n: boolean }>`select business_hours is null as n from sla_policies where brand_id = ${brandA}`.execute(t.db);
    expect(isNull.rows[0]?.n).toBe(true);
    const count = await t.db.selectFrom('sla_policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lists only open mentions of the brand, by id, page by page, then updates their deadlines in one statement', async () => {
    const open = Array.from({ length: 7 }, () => mention(brandA));
    await t.db
      .insertInto('mentions')
      .values([...open, mention(brandA, { status: 'answered' }), mention(brandA, { status: 'closed' }), mention(brandB)])
      .execute();

    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listOpenMentionsForSla(t.db, brandA, after, 3);
      if (page.length === 0) break;
      pages.push(page.map((m) => m.id));
      after = page[page.length - 1]!.id;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const ids = pages.flat();
    expect(ids).toEqual([...ids].sort());
    const all = await listOpenMentionsForSla(t.db, brandA, null, 100);
    expect(all).toHaveLength(7);
    expect(all[0]).toEqual({ id: ids[0], priority: 2, posted_at: expect.any(Date) });

    const due = (i: number) => new Date(Date.UTC(2027, 0, 1, i));
    const changed = await updateMentionDeadlines(t.db, all.map((m, i) => ({ id: m.id, slaDueAt: due(i) })));
    expect(changed).toBe(7);
    const rows = await t.db.selectFrom('mentions').select(['id', 'sla_due_at', 'status', 'brand_id']).execute();
    for (const row of rows) {
      const i = all.findIndex((m) => m.id === row.id);
      if (i >= 0) expect(row.sla_due_at.toISOString()).toBe(due(i).toISOString());
      else expect(row.sla_due_at.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    }
    expect(await updateMentionDeadlines(t.db, [])).toBe(0);
  });

  it('stores the SLA alert lead time, 15 by default, and keeps it when a save leaves it out', async () => {
    const [brand] = (await t.db.insertInto('brands').values([{ name: 'Lead' }]).returning('id').execute()).map((r) => r.id) as [string];
    const base = { targetsMinutes: { P1: 15, P2: 60, P3: 240, P4: 1440 } };
    expect((await upsertSlaPolicy(t.db, brand, SlaPolicyInputSchema.parse(base))).alert_lead_minutes).toBe(15);
    expect((await upsertSlaPolicy(t.db, brand, SlaPolicyInputSchema.parse({ ...base, alertLeadMinutes: 40 }))).alert_lead_minutes).toBe(40);
    expect((await upsertSlaPolicy(t.db, brand, SlaPolicyInputSchema.parse(base))).alert_lead_minutes).toBe(40);
    expect(SlaPolicyInputSchema.safeParse({ ...base, alertLeadMinutes: 2000 }).success).toBe(false);
  });
});
