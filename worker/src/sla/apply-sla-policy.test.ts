import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, findSlaPolicy, type NewMention, type Priority } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { applySlaPolicy } from './apply-sla-policy.ts';

const mention = (brandId: string, over: Partial<NewMention> = {}): NewMention =>
  buildMention(brandId, {
    posted_at: new Date('2026-11-27T16:45:00Z'), // a Friday
    priority: 1,
    sla_due_at: new Date('2026-11-27T17:15:00Z'),
    ...over,
  });

const nineToFive = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }]));

describe('applySlaPolicy', () => {
  let t: TestDb;
  let brand: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestDb();
    [brand, other] = (await t.db.insertInto('brands').values([{ name: 'Air' }, { name: 'Rail' }]).returning('id').execute()).map((r) => r.id) as [string, string];
  });
  afterAll(async () => t.drop());

  it('saves the policy and moves every open deadline of the brand, in batches, leaving the rest alone', async () => {
    // 2,500 open mentions: more than two batches.
    const open = Array.from({ length: 2_500 }, (_, i) => mention(brand, { priority: ((i % 4) + 1) as Priority }));
    const answered = mention(brand, { status: 'answered', answered_at: new Date('2026-11-27T17:00:00Z') });
    const elsewhere = mention(other);
    await t.db.insertInto('mentions').values([...open, answered, elsewhere]).execute();

    const { recomputed, policy } = await applySlaPolicy(t.db, brand, {
      timeZone: 'UTC',
      targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 },
      businessHours: nineToFive,
      holidays: ['2026-11-30'],
    });
    expect(recomputed).toBe(2_500);
    expect(policy).toMatchObject({ brand_id: brand, time_zone: 'UTC', holidays: ['2026-11-30'] });
    expect(await findSlaPolicy(t.db, brand)).toMatchObject({ business_hours: nineToFive });

    const rows = await t.db.selectFrom('mentions').select(['brand_id', 'status', 'priority', 'sla_due_at']).execute();
    // Friday 16:45, Monday a holiday: 15 minutes on Friday, the rest from Tuesday 09:00.
    const expected: Record<Priority, string> = {
      1: '2026-12-01T09:15:00.000Z',
      2: '2026-12-01T09:45:00.000Z',
      3: '2026-12-01T12:45:00.000Z',
      4: '2026-12-03T16:45:00.000Z',
    };
    const openRows = rows.filter((r) => r.brand_id === brand && r.status === 'open');
    expect(openRows).toHaveLength(2_500);
    for (const row of openRows) expect(row.sla_due_at.toISOString()).toBe(expected[row.priority]);
    expect(rows.find((r) => r.status === 'answered')?.sla_due_at.toISOString()).toBe('2026-11-27T17:15:00.000Z');
    expect(rows.find((r) => r.brand_id === other)?.sla_due_at.toISOString()).toBe('2026-11-27T17:15:00.000Z');

    // Back to around the clock: deadlines follow again.
    const again = await applySlaPolicy(t.db, brand, { targetsMinutes: { P1: 10, P2: 20, P3: 30, P4: 40 } });
    expect(again.recomputed).toBe(2_500);
    const p1 = await t.db.selectFrom('mentions').select('sla_due_at').where('brand_id', '=', brand).where('status', '=', 'open').where('priority', '=', 1).executeTakeFirstOrThrow();
    expect(p1.sla_due_at.toISOString()).toBe('2026-11-27T16:55:00.000Z');
  });

  it('rejects an invalid policy with every problem named and changes nothing', async () => {
    const before = await findSlaPolicy(t.db, other);
    const error = await applySlaPolicy(t.db, other, {
      timeZone: 'Atlantis/Capital',
      targetsMinutes: { P1: 0, P2: 60, P3: 240, P4: 1440 },
      holidays: ['2026-02-30'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_REQUEST');
    expect((error as AppError).message).toBe(
      'Invalid SLA policy: timeZone: "Atlantis/Capital" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"; ' +
        'targetsMinutes.P1: must be at least 1 minute; holidays[0]: "2026-02-30" is not a real date "YYYY-MM-DD"',
    );
    expect(await findSlaPolicy(t.db, other)).toEqual(before);
  });

  it('says NOT_FOUND for a brand that does not exist', async () => {
    const missing = applySlaPolicy(t.db, '00000000-0000-4000-8000-000000000000', { targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 } });
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('not found') });
    await expect(applySlaPolicy(t.db, 'not-a-uuid', { targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
