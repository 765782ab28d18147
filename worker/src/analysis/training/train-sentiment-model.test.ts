import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAirlineTweets } from '../data/airline-tweets.ts';
import { isHeldOut } from '../data/split.ts';
import type { ModelFile } from '../model/model-file.ts';
import { SentimentModel } from '../model/sentiment-model.ts';
import { DEFAULT_HYPERPARAMETERS, parseExtraExamples, SentimentTrainer, type TrainingData } from './train-sentiment-model.ts';

describe('parseExtraExamples', () => {
  it('reads one example a line and skips blank lines', () => {
    const jsonl = '{"text":"love it","sentiment":"positive"}\n\n{"text":"meh","sentiment":"neutral","brandId":"b1"}\r\n{"text":"bad","sentiment":"negative","brandId":null}\n';
    expect(parseExtraExamples(jsonl)).toEqual([
      { text: 'love it', sentiment: 'positive' },
      { text: 'meh', sentiment: 'neutral', brandId: 'b1' },
      { text: 'bad', sentiment: 'negative', brandId: null },
    ]);
  });

  it.each([
    ['not JSON', '{"text":"ok","sentiment":"positive"}\n{oops', /corrections\.jsonl, line 2: not valid JSON/],
    ['an unknown label', '{"text":"ok","sentiment":"angry"}', /line 1: sentiment: /],
    ['no text', '{"sentiment":"negative"}', /line 1: text: /],
  ])('names the line of %s', (_name, jsonl, error) => {
    expect(() => parseExtraExamples(jsonl, 'corrections.jsonl')).toThrow(error);
  });
});

describe('SentimentTrainer', () => {
  // A slice of the project's copy of the data keeps this test to a few seconds.
  const csv = readFileSync(fileURLToPath(new URL('../../../data/airline-tweets/dev.csv', import.meta.url)), 'utf8');
  const base = parseAirlineTweets(csv).slice(0, 1500);
  const source = { data: 'test slice', license: 'CC BY-NC-SA 4.0', file: 'data/airline-tweets/dev.csv', sha256: 'x' };
  const hp = { ...DEFAULT_HYPERPARAMETERS, folds: 2, maxIterations: 60, hashBits: 16 };
  const novel = 'the zorblax lounge';
  let trainer: SentimentTrainer;

  beforeAll(async () => {
    trainer = await SentimentTrainer.create();
  });

  function train(data: TrainingData) {
    return trainer.train(data, hp, () => {});
  }

  it('keeps the held-out part out of training and records both evaluations', () => {
    const model = train({ base, extra: [], source });
    const heldOut = base.filter((t) => isHeldOut(t.id)).length;
    expect(model.training.heldOutExamples).toBe(heldOut);
    expect(model.training.baseExamples).toBe(base.length - heldOut);
    expect(model.evaluation.crossValidated.examples).toBe(base.length - heldOut);
    expect(model.evaluation.heldOut.examples).toBe(heldOut);
    expect(model.evaluation.heldOut.accuracy).toBeGreaterThan(0.6);
  });

  it('lets extra examples teach what the base data never showed, weighted above it', () => {
    const extra = Array.from({ length: 3 }, () => ({ text: `I adore ${novel}`, sentiment: 'negative' as const }));
    const without = train({ base, extra: [], source });
    const withExtra = train({ base, extra, source });
    expect(withExtra.training.extraExamples).toBe(3);
    // The extra examples are never scored: cross-validation covers the same base rows either way.
    expect(withExtra.evaluation.crossValidated.examples).toBe(without.evaluation.crossValidated.examples);
    expect(classify(without, `I adore ${novel}`)).not.toBe('negative');
    expect(classify(withExtra, `I adore ${novel}`)).toBe('negative');
  });
});

function classify(file: ModelFile, text: string): string {
  return SentimentModel.fromJson(file).classify(text).sentiment;
}
