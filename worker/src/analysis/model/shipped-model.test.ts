import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getDefaultModel } from '../classify-text.ts';
import { parseAirlineTweets } from '../data/airline-tweets.ts';
import { parseAmazonCells } from '../data/amazon-cells.ts';
import { isHeldOut } from '../data/split.ts';
import { LABELS, type PolarScores, scoreLabels } from '../training/metrics.ts';
import { evaluateOutOfDomain, modelPolarClassifier } from '../training/out-of-domain.ts';

// The project's own copy of the labelled data, in worker/data/.
const csvPath = fileURLToPath(new URL('../../../data/airline-tweets/dev.csv', import.meta.url));
const csv = readFileSync(csvPath, 'utf8');
const oodText = readFileSync(fileURLToPath(new URL('../../../data/amazon-cells/amazon_cells_labelled.txt', import.meta.url)), 'utf8');
const model = getDefaultModel();
const recorded = model.file;

describe('the shipped sentiment model (worker/model/sentiment-model.json)', () => {
  it('was trained on the data file in the project, and says where it came from', () => {
    expect(createHash('sha256').update(csv).digest('hex'), 'dev.csv changed since the model was trained: run `npm run train -w @earshot/worker`').toBe(
      recorded.training.sha256,
    );
    expect(recorded.training.data).toMatch(/Twitter US Airline Sentiment/);
    expect(recorded.training.data).toMatch(/Crowdflower/);
    expect(recorded.training.license).toBe('CC BY-NC-SA 4.0');
    expect(recorded.lexicon.sources.some((s) => s.includes('AFINN-165'))).toBe(true);
  });

  it('reproduces its recorded held-out figures when re-evaluated on the held-out part', () => {
    const heldOut = parseAirlineTweets(csv).filter((t) => isHeldOut(t.id));
    const gold = heldOut.map((t) => LABELS.indexOf(t.sentiment));
    const predicted = heldOut.map((t) => LABELS.indexOf(model.classify(t.text).sentiment));
    const scores = scoreLabels(gold, predicted);
    const want = recorded.evaluation.heldOut;
    expect(scores.examples).toBe(want.examples);
    expect(scores.examples).toBe(recorded.training.heldOutExamples);
    const tolerance = 0.002;
    expect(Math.abs(scores.accuracy - want.accuracy)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(scores.macroF1 - want.macroF1)).toBeLessThanOrEqual(tolerance);
    for (const label of LABELS) {
      expect(Math.abs(scores[label].precision - want[label].precision)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(scores[label].recall - want[label].recall)).toBeLessThanOrEqual(tolerance);
    }
  });

  it('reproduces its recorded out-of-domain figures (Amazon phone-review sentences, never trained on)', () => {
    const recordedOod = recorded.evaluation.outOfDomain;
    expect(recordedOod, 'the model records no out-of-domain figures: retrain it with `npm run train -w @earshot/worker`').not.toBeNull();
    expect(createHash('sha256').update(oodText).digest('hex'), 'amazon_cells_labelled.txt changed since the model was trained: retrain').toBe(recordedOod!.sha256);
    const got = evaluateOutOfDomain(modelPolarClassifier(model), parseAmazonCells(oodText));
    const tolerance = 0.002;
    const compare = (s: PolarScores, want: PolarScores): void => {
      expect(s.examples).toBe(want.examples);
      for (const key of ['polarAccuracy', 'neutralShare', 'polarMacroF1'] as const) expect(Math.abs(s[key] - want[key]), key).toBeLessThanOrEqual(tolerance);
      for (const label of ['negative', 'positive'] as const) {
        for (const key of ['precision', 'recall', 'f1'] as const) expect(Math.abs(s[label][key] - want[label][key]), `${label} ${key}`).toBeLessThanOrEqual(tolerance);
      }
    };
    compare(got.reporting, recordedOod!.reporting);
    compare(got.choosing, recordedOod!.choosing);
    expect(got.reporting.examples + got.choosing.examples).toBe(1000);
  });

  it('records cross-validated figures over the non-held-out data', () => {
    const cv = recorded.evaluation.crossValidated;
    expect(cv.examples).toBe(recorded.training.baseExamples);
    expect(cv.confusion.flat().reduce((a, b) => a + b, 0)).toBe(cv.examples);
    expect(recorded.training.baseExamples + recorded.training.heldOutExamples).toBe(parseAirlineTweets(csv).length);
  });

  // Floors well under the recorded figures: a retrain that breaks the classifier cannot ship quietly.
  it('is not a broken retrain', () => {
    for (const scores of [recorded.evaluation.crossValidated, recorded.evaluation.heldOut]) {
      expect(scores.macroF1).toBeGreaterThan(0.7);
      expect(scores.negative.recall).toBeGreaterThan(0.85);
      expect(scores.negative.precision).toBeGreaterThan(0.8);
    }
  });

  // The figures this model was shipped with (issue #4); a retrain that loses ground fails here
  // until the change is looked at and these are updated on purpose.
  it('keeps the cross-validated figures it shipped with', () => {
    const cv = recorded.evaluation.crossValidated;
    expect(cv.macroF1).toBeGreaterThanOrEqual(0.7822 - 0.002);
    expect(cv.negative.recall).toBeGreaterThanOrEqual(0.9);
    expect(cv.negative.precision).toBeGreaterThanOrEqual(0.85);
    expect(cv.neutral.f1).toBeGreaterThanOrEqual(0.6786 - 0.003);
    expect(recorded.hyperparameters.binary).toBe(true);
    expect(recorded.hyperparameters.charNgrams).toEqual({ min: 3, max: 5, weight: 0.3 });
  });

  // Likewise out of domain (reporting half): a change that does better on airline tweets but
  // worse on other text fails here until it is looked at.
  it('keeps the out-of-domain figures it shipped with', () => {
    const ood = recorded.evaluation.outOfDomain!.reporting;
    expect(ood.polarAccuracy).toBeGreaterThanOrEqual(0.8209 - 0.01);
    expect(ood.neutralShare).toBeLessThanOrEqual(0.165 + 0.01);
    expect(ood.negative.f1).toBeGreaterThanOrEqual(0.7969 - 0.01);
    expect(ood.positive.f1).toBeGreaterThanOrEqual(0.7436 - 0.01);
  });

  it('is compact', () => {
    const bytes = readFileSync(fileURLToPath(new URL('../../../model/sentiment-model.json', import.meta.url))).length;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('serializeModelFile', () => {
  it('round-trips a model file', async () => {
    const { serializeModelFile, ModelFileSchema } = await import('./model-file.ts');
    const text = serializeModelFile(recorded);
    expect(ModelFileSchema.parse(JSON.parse(text))).toEqual(recorded);
    expect(text.indexOf('"evaluation"')).toBeLessThan(text.indexOf('"weights"'));
  });
});
