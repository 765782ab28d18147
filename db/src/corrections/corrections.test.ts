import { ALL_BRANDS } from '../brand-access/brand-scope.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { buildMention } from '../testing/factories.ts';
import type { CorrectionField, NewMention } from '../schema.ts';
import { insertCorrection } from './insert-correction.ts';
import { findModelValue } from './find-model-value.ts';
import { findMentionForUpdate } from './find-mention-for-update.ts';
import { updateMentionLabels } from './update-mention-labels.ts';
import { listCorrectionsForTraining } from './list-corrections-for-training.ts';
import { findBrandAgreement } from './find-brand-agreement.ts';

// The n-th mention this file makes says "text n".
let made = 0;
const mention = (brandId: string, over: Partial<NewMention> = {}): NewMention => buildMention(brandId, { text: `text ${++made}`, ...over });

describe('corrections', () => {
  let t: TestDb;
  let acme: string;
  let zeta: string;
  let empty: string;
  let user: string;
  let m: string[];
  // When each correction happened, so "latest" does not depend on the clock's resolution.
  let clock = Date.UTC(2026, 10, 24, 12);
  const correct = (mentionId: string, brandId: string, field: CorrectionField, model: string, value: string) =>
    insertCorrection(t.db, {
      mention_id: mentionId,
      brand_id: brandId,
      user_id: user,
      field,
      model_value: model,
      corrected_value: value,
      created_at: new Date((clock += 60_000)),
    });

  beforeAll(async () => {
    t = await createTestDb();
    [acme, zeta, empty] = (await t.db.insertInto('brands').values([{ name: 'Acme' }, { name: 'Zeta' }, { name: 'Empty' }]).returning('id').execute()).map((r) => r.id) as [string, string, string];
    user = (await t.db.insertInto('users').values({ email: 'a@example.com', name: 'Agent', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const rows = [...Array.from({ length: 8 }, () => mention(acme)), mention(zeta), mention(zeta)];
    m = (await t.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id);
  });
  afterAll(async () => t.drop());

  it('stores a correction and refuses a field that cannot be corrected', async () => {
    const row = await correct(m[0]!, acme, 'sentiment', 'negative', 'neutral');
    expect(row).toMatchObject({ mention_id: m[0], brand_id: acme, user_id: user, field: 'sentiment', model_value: 'negative', corrected_value: 'neutral' });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      sql`insert into corrections (mention_id, brand_id, field, model_value, corrected_value) values (${m[0]}, ${acme}, 'topic', 'a', 'b')`.execute(t.db),
    ).rejects.toThrow(/corrections_field_check|check constraint/);
  });

  it('remembers what the model first said', async () => {
    expect(await findModelValue(t.db, m[1]!, 'intent')).toBeUndefined();
    await correct(m[1]!, acme, 'intent', 'complaint', 'question');
    await correct(m[1]!, acme, 'intent', 'complaint', 'praise');
    expect(await findModelValue(t.db, m[1]!, 'intent')).toBe('complaint');
    expect(await findModelValue(t.db, m[1]!, 'sentiment')).toBeUndefined();
  });

  it('locks and updates a mention', async () => {
    const updated = await t.db.transaction().execute(async (trx) => {
      const locked = await findMentionForUpdate(trx, m[2]!);
      expect(locked?.id).toBe(m[2]);
      return updateMentionLabels(trx, m[2]!, { priority: 1, priority_reason: 'set by agent', sla_due_at: new Date('2026-11-24T10:30:00Z') });
    });
    expect(updated).toMatchObject({ id: m[2], priority: 1, priority_reason: 'set by agent', sentiment: 'negative' });
    expect(updated?.sla_due_at.toISOString()).toBe('2026-11-24T10:30:00.000Z');
    expect(await updateMentionLabels(t.db, m[2]!, {})).toMatchObject({ id: m[2], priority: 1 });
    expect(await updateMentionLabels(t.db, '00000000-0000-0000-0000-000000000000', { priority: 3 })).toBeUndefined();
  });

  it('lists each corrected field of each mention once, with its latest label and the text', async () => {
    await correct(m[3]!, acme, 'sentiment', 'negative', 'positive');
    await correct(m[3]!, acme, 'sentiment', 'negative', 'neutral');
    await correct(m[3]!, acme, 'priority', '2', '1');
    await correct(m[8]!, zeta, 'sentiment', 'negative', 'positive');

    const all = await listCorrectionsForTraining(t.db);
    const key = (l: { mentionId: string; field: string }) => `${l.mentionId}/${l.field}`;
    expect(new Set(all.map(key)).size).toBe(all.length);
    expect(all.map(key)).toEqual([...all.map(key)].sort());
    expect(all.find((l) => l.mentionId === m[3] && l.field === 'sentiment')).toMatchObject({ value: 'neutral', text: 'text 4', brandId: acme });
    expect(all.find((l) => l.mentionId === m[1] && l.field === 'intent')?.value).toBe('praise');

    const zetaSentiment = await listCorrectionsForTraining(t.db, { brandId: zeta, field: 'sentiment' });
    expect(zetaSentiment).toEqual([{ mentionId: m[8], brandId: zeta, field: 'sentiment', text: 'text 9', value: 'positive', correctedAt: expect.any(Date) }]);

    // Keyset pages add up to the whole list.
    const paged: typeof all = [];
    let after: { mentionId: string; field: CorrectionField } | undefined;
    for (;;) {
      const page = await listCorrectionsForTraining(t.db, { after, limit: 2 });
      paged.push(...page);
      if (page.length < 2) break;
      after = { mentionId: page[1]!.mentionId, field: page[1]!.field };
    }
    expect(paged.map(key)).toEqual(all.map(key));
  });

  it('measures agreement per brand and field, counting a mention once and a reverted change as agreement', async () => {
    // m[4]: priority changed and then put back to the model's value.
    await correct(m[4]!, acme, 'priority', '2', '3');
    await correct(m[4]!, acme, 'priority', '2', '2');
    const byName = Object.fromEntries((await findBrandAgreement(t.db, ALL_BRANDS)).map((b) => [b.brandName, b]));
    expect(Object.keys(byName)).toEqual(['Acme', 'Empty', 'Zeta']);

    // Acme: 8 mentions; sentiment overruled on m0 and m3; intent on m1; priority on m3 (m4 reverted).
    const newestLabel = await t.db
      .selectFrom('corrections')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('brand_id', '=', acme)
      .where('field', 'in', ['sentiment', 'intent'])
      .executeTakeFirstOrThrow();
    expect(byName.Acme).toEqual({
      brandId: acme,
      brandName: 'Acme',
      corrections: 8,
      analysed: 8,
      overruled: { sentiment: 2, intent: 1, priority: 1 },
      agreement: { sentiment: 1 - 2 / 8, intent: 1 - 1 / 8, priority: 1 - 1 / 8 },
      // What brand models learn from: the priority corrections, made later, do not count.
      latestLabelAt: newestLabel.at,
    });
    const newestAny = await t.db.selectFrom('corrections').select((eb) => eb.fn.max('created_at').as('at')).where('brand_id', '=', acme).executeTakeFirstOrThrow();
    expect(new Date(newestAny.at as Date).getTime()).toBeGreaterThan(new Date(newestLabel.at as Date).getTime());
    expect(byName.Zeta).toMatchObject({ corrections: 1, analysed: 2, overruled: { sentiment: 1, intent: 0, priority: 0 }, agreement: { sentiment: 0.5, intent: 1, priority: 1 } });
    expect(byName.Empty).toMatchObject({ brandId: empty, corrections: 0, analysed: 0, agreement: { sentiment: null, intent: null, priority: null }, latestLabelAt: null });
  });

  it('keeps corrections when the agent is deleted and drops them with the mention', async () => {
    const other = (await t.db.insertInto('users').values({ email: 'b@example.com', name: 'Gone', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const row = await insertCorrection(t.db, { mention_id: m[9]!, brand_id: zeta, user_id: other, field: 'intent', model_value: 'complaint', corrected_value: 'other' });
    await t.db.deleteFrom('users').where('id', '=', other).execute();
    expect((await t.db.selectFrom('corrections').select('user_id').where('id', '=', row.id).executeTakeFirst())?.user_id).toBeNull();
    await t.db.deleteFrom('mentions').where('id', '=', m[9]!).execute();
    expect(await t.db.selectFrom('corrections').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
  });
});
