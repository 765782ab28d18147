import { describe, expect, it } from 'vitest';
import { getDefaultModel } from './classify-text.ts';
import { DENSE_SIZE, type FeatureConfig, FeatureExtractor, FeatureVector } from './features.ts';
import { Lexicon } from './lexicon/lexicon.ts';
import { StemCache } from './text/stem.ts';
import { computeLogits } from './training/softmax-regression.ts';

const file = getDefaultModel().file;
const lexicon = new Lexicon(file.lexicon);
const config: FeatureConfig = { hashBits: 16, negationWindow: 3, bigrams: true, binary: true, charNgrams: { min: 3, max: 5, weight: 0.3 } };

function extractor(c: FeatureConfig = config): FeatureExtractor {
  return new FeatureExtractor(c, lexicon, new StemCache(), new Set(['acme']));
}

function hashed(e: FeatureExtractor, text: string): Map<number, number> {
  const v = new FeatureVector();
  e.extract(text, v);
  const m = new Map<number, number>();
  for (let k = 0; k < v.length; k++) if (v.index[k]! >= DENSE_SIZE) m.set(v.index[k]!, (m.get(v.index[k]!) ?? 0) + v.value[k]!);
  return m;
}

describe('FeatureExtractor', () => {
  const words = { ...config, charNgrams: null };

  it('counts a repeated word once when features are binary, and every time when not', () => {
    const once = hashed(extractor(words), 'delay');
    const thrice = hashed(extractor(words), 'delay delay delay');
    const counted = hashed(extractor({ ...words, binary: false }), 'delay delay delay');
    expect(Math.max(...thrice.values())).toBe(1);
    expect(Math.max(...counted.values())).toBe(3);
    for (const row of once.keys()) expect(thrice.get(row)).toBe(1);
  });

  it('still dedupes in a text with more features than its starting set holds', () => {
    const text = Array.from({ length: 400 }, (_, i) => `w${i} x`).join(' ');
    const e = extractor(words);
    const m = hashed(e, text);
    expect(Math.max(...m.values())).toBe(1);
    // The grown set keeps working for the next, short text.
    expect(Math.max(...hashed(e, 'late late again').values())).toBe(1);
  });

  it('gives each word its character n-grams, but not brand names', () => {
    const none = hashed(extractor(words), 'refundable');
    const chars = hashed(extractor(), 'refundable');
    // "<refundable>" has 10 + 9 + 8 n-grams of 3 to 5 characters.
    const added = [...chars.values()].reduce((a, b) => a + b, 0) - [...none.values()].reduce((a, b) => a + b, 0);
    expect(added).toBeCloseTo(27 * 0.3, 4);
    expect([...hashed(extractor(), 'acme').values()].reduce((a, b) => a + b, 0)).toBe([...hashed(extractor(words), 'acme').values()].reduce((a, b) => a + b, 0));
  });

  it('folds character n-gram weights into the same class scores as emitting them', () => {
    const dimension = DENSE_SIZE + 2 ** config.hashBits;
    const weights = Float32Array.from({ length: dimension * 3 }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    const text = "Rebooked twice, still no refund?! Not refundable they say #annoyed @acme";
    const emitting = extractor();
    const v = new FeatureVector();
    emitting.extract(text, v);
    const expected = new Float64Array(3);
    computeLogits(weights, v.index, v.value, v.length, expected);

    const folding = extractor();
    folding.foldCharWeights(weights);
    folding.extract(text, v);
    const got = new Float64Array(3);
    computeLogits(weights, v.index, v.value, v.length, got);
    for (let c = 0; c < 3; c++) expect(got[c]! + folding.charScores[c]!).toBeCloseTo(expected[c]!, 4);
    expect(folding.charScores.some((x) => x !== 0)).toBe(true);
  });
});
