import { describe, expect, it } from 'vitest';
import { getDefaultModel, SentimentModel } from '../analysis/index.ts';
import { BrandOverlay, OVERLAY_FORMAT } from './overlay.ts';
import { type BrandExample, crossValidateOverlay, trainOverlay } from './train-overlay.ts';

const model = getDefaultModel();

// A skateboard brand: its customers praise with "sick" and "gnarly", which the shared model
// (airline tweets and general lexicons) reads as negative or neutral.
const corrections: BrandExample[] = [
  'this board is sick',
  'that kickflip was sick',
  'sick grind at the park today',
  'the new wheels are sick, so fast',
  'gnarly deck, love the graphic',
  'that ramp session was gnarly',
].map((text, i) => ({ id: `c${i}`, text, label: 'positive', weight: 1 }));
const confirmations: BrandExample[] = [
  ['my order never arrived', 'negative'],
  ['the deck snapped after two days, terrible', 'negative'],
  ['where can I buy the new deck?', 'neutral'],
  ['do you ship to Canada?', 'neutral'],
  ['thanks for the quick reply', 'positive'],
  ['love the new shoes', 'positive'],
].map(([text, label], i) => ({ id: `a${i}`, text: text!, label: label as BrandExample['label'], weight: 0.2 }));

describe('brand overlay', () => {
  const overlay = trainOverlay(model, [...corrections, ...confirmations]);

  it("learns the brand's own words and applies them to mentions it was not trained on", () => {
    for (const text of ['the bearings are sick', 'these griptapes are gnarly!!']) {
      expect(model.classify(text).sentiment, text).not.toBe('positive');
      expect(model.classify(text, overlay).sentiment, text).toBe('positive');
    }
  });

  it('leaves what the brand did not correct as the shared model says', () => {
    for (const text of ['my flight was delayed for hours and nobody helped', 'what time does the store open?', 'great service, thank you']) {
      expect(model.classify(text, overlay).sentiment, text).toBe(model.classify(text).sentiment);
    }
    // A word the brand uses for praise does not make a plain complaint positive.
    expect(model.classify('I feel sick after your food, never again', overlay).sentiment).toBe('negative');
  });

  it('survives being stored: the JSON form classifies the same', () => {
    const json = overlay.toJson();
    expect(json.format).toBe(OVERLAY_FORMAT);
    expect(json.baseModel).toBe(model.fingerprint);
    expect(json.values).toHaveLength(json.rows.length * 3);
    const again = BrandOverlay.fromJson(JSON.parse(JSON.stringify(json)));
    for (const text of ['the bearings are sick', 'my order never arrived', 'so so']) {
      const a = model.probabilities(text, new Float64Array(3), overlay);
      const b = model.probabilities(text, new Float64Array(3), again);
      for (let c = 0; c < 3; c++) expect(b[c]).toBeCloseTo(a[c]!, 3);
    }
  });

  it("keeps its model's fingerprint when only the model file's metadata changes", () => {
    const relabelled = SentimentModel.fromJson({ ...model.file, trainedAt: '2020-01-01T00:00:00.000Z', evaluation: { ...model.file.evaluation, note: 'rewritten' } });
    expect(relabelled.fingerprint).toBe(model.fingerprint);
    const reweighted = SentimentModel.fromJson({ ...model.file, negativeBias: model.file.negativeBias + 0.1 });
    expect(reweighted.fingerprint).not.toBe(model.fingerprint);
  });

  it('is not applied to a model it was not trained on', () => {
    const other = SentimentModel.fromJson(model.file, 'another-model');
    expect(other.fingerprint).not.toBe(model.fingerprint);
    expect(other.classify('the bearings are sick', overlay).sentiment).toBe(other.classify('the bearings are sick').sentiment);
  });

  it('rejects a damaged stored overlay, saying what is wrong and what to do', () => {
    const json = overlay.toJson();
    expect(() => BrandOverlay.fromJson({ ...json, values: json.values.slice(1) })).toThrow(/values must hold 3 numbers per row.*earshot retrain/);
    expect(() => BrandOverlay.fromJson({ ...json, format: 'other/9' })).toThrow(/format/);
    expect(() => BrandOverlay.fromJson(null)).toThrow(/not a valid earshot-brand-overlay\/1 overlay/);
  });

  it('with no examples changes nothing', () => {
    const empty = trainOverlay(model, []);
    expect(empty.size).toBe(0);
    expect(empty.toJson().rows).toEqual([]);
  });
});

describe('crossValidateOverlay', () => {
  it('scores each reviewed mention once, by an overlay trained without it', async () => {
    const many: BrandExample[] = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      text: `${['sick', 'gnarly'][i % 2]} ${['board', 'deck', 'wheels', 'trucks', 'bearings'][i % 5]} number ${i}`,
      label: 'positive',
      weight: 1,
    }));
    const cv = await crossValidateOverlay(model, [...many, ...confirmations]);
    expect(cv.scored).toBe(26);
    expect(cv.baseAgreement).toBeLessThan(0.3);
    expect(cv.brandAgreement).toBeGreaterThan(cv.baseAgreement! + 0.3);
  });

  it('does not measure on fewer reviewed mentions than the minimum', async () => {
    expect(await crossValidateOverlay(model, corrections)).toEqual({ scored: 0, baseAgreement: null, brandAgreement: null });
  });
});
