import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrandModel, listBrandsNeedingTraining, silentLogger, upsertBrandModel } from '@earshot/db';
import { buildMention, createTestDb, type TestDb } from '@earshot/db/testing';
import { getDefaultModel, SentimentModel } from '../analysis/index.ts';
import { correctMention } from '../corrections/index.ts';
import { BrandModelCache } from './brand-model-cache.ts';
import { retrainBrandModel } from './retrain-brand.ts';

const model = getDefaultModel();
const SLANG = ['this board is sick', 'that kickflip was sick', 'sick grind at the park today', 'the new wheels are sick', 'gnarly deck, love it', 'that ramp was gnarly'];

describe('retrainBrandModel (PostgreSQL)', () => {
  let t: TestDb;
  let skate: string;
  let other: string;
  let agent: string;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestDb();
    [skate, other] = (await t.db.insertInto('brands').values([{ name: 'Skate' }, { name: 'Other' }]).returning('id').execute()).map((r) => r.id) as [string, string];
    agent = (await t.db.insertInto('users').values({ email: 'a@example.com', name: 'A', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
    const rows = [
      ...SLANG.map((text) => buildMention(skate, { text, sentiment: 'negative' })),
      // Answered without a correction: confirmations.
      buildMention(skate, { text: 'my order never arrived', sentiment: 'negative', status: 'answered', answered_at: new Date() }),
      buildMention(skate, { text: 'do you ship to Canada?', sentiment: 'neutral', intent: 'question', status: 'answered', answered_at: new Date() }),
      // Open and uncorrected: only measured, never learnt from.
      buildMention(skate, { text: 'the bearings are sick', sentiment: 'negative' }),
      buildMention(other, { text: 'this is sick', sentiment: 'negative' }),
    ];
    ids.push(...(await t.db.insertInto('mentions').values(rows).returning('id').execute()).map((r) => r.id));
  });
  afterAll(async () => t.drop());

  it('a brand without corrections needs nothing', async () => {
    expect(await listBrandsNeedingTraining(t.db, model.fingerprint)).toEqual([]);
  });

  it("learns a brand's corrections, stores the overlay with its figures, and the analyze cache serves it", async () => {
    // Five sentiment corrections and one intent correction that implies positive.
    for (const id of ids.slice(0, 5)) await correctMention(t.db, { mentionId: id, userId: agent, field: 'sentiment', value: 'positive' });
    await correctMention(t.db, { mentionId: ids[5]!, userId: agent, field: 'intent', value: 'praise' });
    // A priority correction is not a sentiment label and does not make the brand model stale.
    await correctMention(t.db, { mentionId: ids[6]!, userId: agent, field: 'priority', value: 1 });
    const needing = await listBrandsNeedingTraining(t.db, model.fingerprint);
    expect(needing.map((n) => n.brandId)).toEqual([skate]);

    const outcome = await retrainBrandModel(t.db, skate, { model });
    expect(outcome).toMatchObject({ trained: true, stored: true, labels: 6, confirmations: 2 });
    expect(outcome.rows).toBeGreaterThan(0);
    // Too few labels to cross-validate. Of the 3 uncorrected mentions it reads 2 differently from
    // the shared model: the open "bearings" one (now positive), and the answered "never arrived",
    // which the shared model calls neutral and the agent let stand as negative.
    expect(outcome.evaluation).toEqual({ scored: 0, baseAgreement: null, brandAgreement: null, changedShare: 2 / 3, kept: true });
    expect(model.classify('my order never arrived').sentiment).toBe('neutral');

    const row = (await findBrandModel(t.db, skate))!;
    expect(row).toMatchObject({ base_model: model.fingerprint, labels: 6, confirmations: 2 });
    expect(await listBrandsNeedingTraining(t.db, model.fingerprint)).toEqual([]);

    const cache = new BrandModelCache(t.db, model, silentLogger);
    const overlay = await cache.get(skate);
    expect(overlay).not.toBeNull();
    expect(model.classify('the bearings are sick', overlay).sentiment).toBe('positive');
    expect(await cache.get(other)).toBeNull();
  });

  it('does nothing when up to date, and learns again after a new correction', async () => {
    expect(await retrainBrandModel(t.db, skate, { model })).toMatchObject({ trained: false, labels: 6 });
    await correctMention(t.db, { mentionId: ids[8]!, userId: agent, field: 'sentiment', value: 'positive' });
    expect((await listBrandsNeedingTraining(t.db, model.fingerprint)).map((n) => n.brandId)).toEqual([skate]);
    expect(await retrainBrandModel(t.db, skate, { model })).toMatchObject({ trained: true, stored: true, labels: 7, confirmations: 2 });
  });

  it('a new shared model makes every brand model stale, and the cache stops using the old one', async () => {
    const next = SentimentModel.fromJson(model.file, 'next-model');
    expect((await listBrandsNeedingTraining(t.db, next.fingerprint)).map((n) => n.brandId)).toEqual([skate]);
    const cache = new BrandModelCache(t.db, next, silentLogger);
    expect(await cache.get(skate)).toBeNull();
    expect(await retrainBrandModel(t.db, skate, { model: next })).toMatchObject({ trained: true, stored: true });
    expect(await cache.get(skate, Date.now() + 60_000)).not.toBeNull();
  });

  it('an older training finishing late does not replace a newer one', async () => {
    const before = (await findBrandModel(t.db, skate))!;
    const stored = await upsertBrandModel(t.db, {
      brandId: skate,
      baseModel: before.base_model,
      overlay: { stale: true },
      labels: 1,
      confirmations: 0,
      evaluation: { scored: 0, baseAgreement: null, brandAgreement: null, changedShare: null, kept: true },
      labelsUntil: new Date(before.labels_until!.getTime() - 1_000),
    });
    expect(stored).toBe(false);
    expect((await findBrandModel(t.db, skate))!.labels).toBe(before.labels);
  });

  it('an overlay that does worse than the shared model on unseen reviewed mentions is stored empty', async () => {
    // Agents agree with the model on 12 thank-you notes and answer them, then flip 4 near-copies
    // to negative: whatever the overlay learns from those contradicts most of what they reviewed.
    const noisy = (await t.db.insertInto('brands').values({ name: 'Noisy' }).returning('id').executeTakeFirstOrThrow()).id;
    const thanks = ['thanks for the help', 'thank you for the quick reply', 'thanks, that fixed it', 'great help, thank you', 'thanks so much for sorting this', 'thank you, all good now'];
    const confirmed = [...thanks, ...thanks.map((x) => `${x}!`)].map((text) => buildMention(noisy, { text, sentiment: model.classify(text).sentiment, status: 'answered', answered_at: new Date() }));
    expect(confirmed.every((m) => m.sentiment === 'positive')).toBe(true);
    const flipped = thanks.slice(0, 4).map((x) => buildMention(noisy, { text: `${x}!!`, sentiment: 'positive' }));
    const ids = (await t.db.insertInto('mentions').values([...confirmed, ...flipped]).returning('id').execute()).map((r) => r.id);
    for (const id of ids.slice(confirmed.length)) await correctMention(t.db, { mentionId: id, userId: agent, field: 'sentiment', value: 'negative' });

    const outcome = await retrainBrandModel(t.db, noisy, { model });
    expect(outcome).toMatchObject({ trained: true, stored: true, labels: 4, confirmations: 12, rows: 0 });
    expect(outcome.evaluation.scored).toBe(16);
    expect(outcome.evaluation.brandAgreement!).toBeLessThan(outcome.evaluation.baseAgreement!);
    expect(outcome.evaluation.kept).toBe(false);
    const overlay = await new BrandModelCache(t.db, model, silentLogger).get(noisy);
    expect(overlay?.size).toBe(0);
  });

  it('a damaged stored overlay is not used and is reported', async () => {
    await t.db.updateTable('brand_models').set({ overlay: JSON.stringify({ format: 'nope' }), trained_at: new Date() }).where('brand_id', '=', skate).execute();
    const warnings: string[] = [];
    const cache = new BrandModelCache(t.db, SentimentModel.fromJson(model.file, 'next-model'), { ...silentLogger, warn: (m) => warnings.push(m) });
    expect(await cache.get(skate)).toBeNull();
    expect(warnings).toEqual(['brand model is damaged; not used']);
  });
});
