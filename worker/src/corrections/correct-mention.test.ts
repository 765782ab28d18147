import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_BRANDS, findBrandAgreement, upsertSlaPolicy, type NewMention } from '@earshot/db';
import { SlaPolicyInputSchema } from '@earshot/policy';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { correctMention } from './correct-mention.ts';
import { exportCorrectionsJsonl } from './export-corrections-jsonl.ts';
import { parseCorrectionValue } from './correction-value.ts';

const mention = (brandId: string, over: Partial<NewMention> = {}): NewMention =>
  buildMention(brandId, {
    posted_at: new Date('2026-11-27T16:45:00Z'), // a Friday
    priority: 3,
    priority_reason: 'question',
    sla_due_at: new Date('2026-11-27T20:45:00Z'),
    ...over,
  });

describe('correctMention', () => {
  let t: TestDb;
  let brand: string;
  let plain: string;
  let agent: string;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestDb();
    [brand, plain] = (await t.db.insertInto('brands').values([{ name: 'Air' }, { name: 'Rail' }]).returning('id').execute()).map((r) => r.id) as [string, string];
    agent = (await t.db.insertInto('users').values({ email: 'agent@example.com', name: 'Agent', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    await upsertSlaPolicy(
      t.db,
      brand,
      SlaPolicyInputSchema.parse({
        timeZone: 'America/New_York',
        targetsMinutes: { P1: 30, P2: 60, P3: 240, P4: 1440 },
        businessHours: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }])),
      }),
    );
    const rows = [
      mention(brand, { text: 'stuck in Denver' }),
      mention(brand, { text: 'is the lounge open?' }),
      mention(brand, { text: 'buy cheap followers', intent: 'spam', is_spam: true, priority: 4 }),
      mention(brand, { status: 'answered', answered_at: new Date('2026-11-27T17:00:00Z') }),
      mention(plain, { text: 'train late again' }),
      mention(brand, { text: 'ok then', sentiment: 'neutral' }),
    ];
    ids = (await t.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);
  });
  afterAll(async () => t.drop());

  const corrections = (mentionId: string) =>
    t.db.selectFrom('corrections').selectAll().where('mention_id', '=', mentionId).orderBy('created_at').orderBy('id').execute();

  it('a new priority gets a deadline from the brand policy, counted from arrival', async () => {
    const updated = await correctMention(t.db, { mentionId: ids[0]!, userId: agent, field: 'priority', value: 1 });
    // Friday 16:45 UTC is 11:45 in New York: 30 open minutes later is 12:15 EST.
    expect(updated).toMatchObject({ id: ids[0], priority: 1, priority_reason: 'set by agent (was P3)', sentiment: 'negative' });
    expect(updated.sla_due_at.toISOString()).toBe('2026-11-27T17:15:00.000Z');
    expect(await corrections(ids[0]!)).toMatchObject([{ brand_id: brand, user_id: agent, field: 'priority', model_value: '3', corrected_value: '1' }]);

    // A second change still records what the model said, not the first agent's value.
    const again = await correctMention(t.db, { mentionId: ids[0]!, userId: agent, field: 'priority', value: 'P4' });
    expect(again).toMatchObject({ priority: 4, priority_reason: 'set by agent (was P1)' });
    // 1440 open minutes = three 8-hour days: Friday 11:45–17:00, Monday, Tuesday, Wednesday until 11:45.
    expect(again.sla_due_at.toISOString()).toBe('2026-12-02T16:45:00.000Z');
    expect((await corrections(ids[0]!)).map((c) => [c.model_value, c.corrected_value])).toEqual([
      ['3', '1'],
      ['3', '4'],
    ]);
  });

  it('a brand without a policy uses the defaults (24/7 UTC)', async () => {
    const updated = await correctMention(t.db, { mentionId: ids[4]!, userId: agent, field: 'priority', value: '2' });
    expect(updated.sla_due_at.toISOString()).toBe('2026-11-27T17:45:00.000Z');
  });

  it('an answered mention keeps the deadline it was measured against', async () => {
    const updated = await correctMention(t.db, { mentionId: ids[3]!, userId: agent, field: 'priority', value: 1 });
    expect(updated).toMatchObject({ priority: 1, status: 'answered' });
    expect(updated.sla_due_at.toISOString()).toBe('2026-11-27T20:45:00.000Z');
  });

  it('corrects sentiment and intent, and keeps is_spam in step with a spam intent', async () => {
    // A neutral complaint is a P2 (60 open minutes from Friday 11:45 in New York); as a question, a P3 (240).
    const s = await correctMention(t.db, { mentionId: ids[1]!, userId: agent, field: 'sentiment', value: 'Neutral' });
    expect(s).toMatchObject({ sentiment: 'neutral', priority: 2, priority_reason: 'complaint · relabelled', sla_due_at: new Date('2026-11-27T17:45:00Z') });
    const i = await correctMention(t.db, { mentionId: ids[1]!, userId: agent, field: 'intent', value: 'question' });
    expect(i).toMatchObject({ intent: 'question', is_spam: false, sentiment: 'neutral', priority: 3, sla_due_at: new Date('2026-11-27T20:45:00Z') });

    const notSpam = await correctMention(t.db, { mentionId: ids[2]!, userId: null, field: 'intent', value: 'complaint' });
    expect(notSpam).toMatchObject({ intent: 'complaint', is_spam: false });
    const spam = await correctMention(t.db, { mentionId: ids[1]!, userId: agent, field: 'intent', value: 'spam' });
    expect(spam).toMatchObject({ intent: 'spam', is_spam: true });
    expect((await corrections(ids[2]!))[0]).toMatchObject({ user_id: null, model_value: 'spam', corrected_value: 'complaint' });
  });

  it('the value the mention already has changes and records nothing', async () => {
    const before = await corrections(ids[5]!);
    const same = await correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'sentiment', value: 'neutral' });
    expect(same.sentiment).toBe('neutral');
    expect(await corrections(ids[5]!)).toEqual(before);
  });

  it('rejects a value the field does not take, and an unknown mention', async () => {
    await expect(correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'sentiment', value: 'angry' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '"angry" is not a sentiment; use one of negative, neutral, positive.',
    });
    await expect(correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'priority', value: 5 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '5 is not a priority; use 1 (most urgent) to 4.',
    });
    await expect(correctMention(t.db, { mentionId: '00000000-0000-4000-8000-000000000000', userId: agent, field: 'intent', value: 'praise' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(correctMention(t.db, { mentionId: 'nope', userId: agent, field: 'intent', value: 'praise' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two agents correcting one mention at once both land, in turn, with the model value kept', async () => {
    const [a, b] = await Promise.all([
      correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'intent', value: 'praise' }),
      correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'intent', value: 'question' }),
    ]);
    expect([a.intent, b.intent].sort()).toEqual(['praise', 'question']);
    const rows = await corrections(ids[5]!);
    expect(rows.map((r) => r.model_value)).toEqual(['complaint', 'complaint']);
  });

  it('feeds agreement figures and the sentiment export', async () => {
    const air = (await findBrandAgreement(t.db, ALL_BRANDS)).find((b) => b.brandId === brand)!;
    expect(air.analysed).toBe(5);
    // ids[1] sentiment negative → neutral.
    expect(air.overruled.sentiment).toBe(1);
    expect(air.agreement.sentiment).toBeCloseTo(0.8);

    const lines: string[] = [];
    for await (const line of exportCorrectionsJsonl(t.db)) lines.push(line);
    expect(lines).toEqual([`${JSON.stringify({ text: 'is the lounge open?', sentiment: 'neutral', brandId: brand })}\n`]);
    const none: string[] = [];
    for await (const line of exportCorrectionsJsonl(t.db, { brandId: plain })) none.push(line);
    expect(none).toEqual([]);
  });
});

describe('correctMention recomputes priority from corrected labels', () => {
  let t: TestDb;
  afterAll(async () => t.drop());

  it('a corrected label recomputes priority unless an agent set the priority; an answered mention keeps its deadline', async () => {
    t = await createTestDb();
    // No SLA policy: 24/7 UTC.
    const bus = (await t.db.insertInto('brands').values({ name: 'Bus' }).returning('id').executeTakeFirstOrThrow()).id;
    const agent = (await t.db.insertInto('users').values({ email: 'agent@example.com', name: 'Agent', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const rows = [
      mention(bus, { text: 'where is my bag', sentiment: 'neutral', sentiment_score: 0.1, intent: 'question', priority: 3 }),
      mention(bus, { text: 'where is my bag', sentiment: 'neutral', intent: 'question', priority: 3 }),
      mention(bus, { text: 'where is my bag', sentiment: 'neutral', intent: 'question', priority: 3, status: 'answered' }),
    ];
    const [fresh, pinned, answered] = (await t.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id) as [string, string, string];
    // The model scored it +0.1; an agent's "negative" counts as plainly negative: question 25 + 15 = P3 still,
    // then a complaint: 45 + 15 = P2.
    const negative = await correctMention(t.db, { mentionId: fresh, userId: agent, field: 'sentiment', value: 'negative' });
    expect(negative).toMatchObject({ priority: 3 });
    const complaint = await correctMention(t.db, { mentionId: fresh, userId: agent, field: 'intent', value: 'complaint' });
    expect(complaint).toMatchObject({ priority: 2, sla_due_at: new Date('2026-11-27T17:45:00Z') });

    await correctMention(t.db, { mentionId: pinned, userId: agent, field: 'priority', value: 4 });
    const stays = await correctMention(t.db, { mentionId: pinned, userId: agent, field: 'intent', value: 'complaint' });
    expect(stays).toMatchObject({ priority: 4, priority_reason: 'set by agent (was P3)' });

    const kept = await correctMention(t.db, { mentionId: answered, userId: agent, field: 'intent', value: 'complaint' });
    expect(kept).toMatchObject({ priority: 2, sla_due_at: new Date('2026-11-27T20:45:00Z') });
  });

});

describe('exportCorrectionsJsonl', () => {
  let t: TestDb;
  afterAll(async () => t.drop());

  it('streams more labels than one page, each once, as JSON lines', async () => {
    t = await createTestDb();
    const brand = (await t.db.insertInto('brands').values({ name: 'Big' }).returning('id').executeTakeFirstOrThrow()).id;
    const rows = Array.from({ length: 1_203 }, (_, i) => mention(brand, { text: `say "${i}"\nnew line` }));
    const ids = (await t.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);
    await t.db
      .insertInto('corrections')
      .values(ids.map((id, i) => ({ mention_id: id, brand_id: brand, field: i % 2 === 0 ? ('sentiment' as const) : ('intent' as const), model_value: 'negative', corrected_value: i % 2 === 0 ? 'positive' : 'praise' })))
      .execute();
    const lines: string[] = [];
    for await (const line of exportCorrectionsJsonl(t.db, { brandId: brand })) lines.push(line);
    expect(lines).toHaveLength(602);
    for (const line of lines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      const parsed = JSON.parse(line) as { text: string; sentiment: string; brandId: string };
      expect(Object.keys(parsed)).toEqual(['text', 'sentiment', 'brandId']);
      expect(parsed).toMatchObject({ sentiment: 'positive', brandId: brand });
      expect(parsed.text).toMatch(/^say "\d+"\nnew line$/);
    }
    expect(new Set(lines).size).toBe(602);
  });
});

describe('parseCorrectionValue', () => {
  it.each([
    ['sentiment', 'positive', 'positive'],
    ['sentiment', ' NEGATIVE ', 'negative'],
    ['intent', 'Spam', 'spam'],
    ['priority', 2, 2],
    ['priority', '3', 3],
    ['priority', 'p1', 1],
  ] as const)('%s %j → %j', (field, value, expected) => {
    expect(parseCorrectionValue(field, value)).toEqual({ ok: true, correction: { field, value: expected } });
  });

  it.each([
    ['sentiment', 1, '1 is not a sentiment; use one of negative, neutral, positive.'],
    ['intent', 'rant', '"rant" is not an intent; use one of complaint, question, praise, other, spam.'],
    ['priority', 0, '0 is not a priority; use 1 (most urgent) to 4.'],
    ['priority', 2.5, '2.5 is not a priority; use 1 (most urgent) to 4.'],
    ['priority', 'P5', '"P5" is not a priority; use 1 (most urgent) to 4.'],
    ['priority', 'high', '"high" is not a priority; use 1 (most urgent) to 4.'],
  ] as const)('%s %j is refused', (field, value, message) => {
    expect(parseCorrectionValue(field, value)).toEqual({ ok: false, message });
  });
});
