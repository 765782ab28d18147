import { describe, expect, it } from 'vitest';
import { logLikelihoodG2, MIN_DRIVER_COUNT, spikeDrivers } from './spike-drivers.ts';

describe('logLikelihoodG2', () => {
  it('is Dunning’s G² of a 2×2 table, zero for equal rates and for empty sides', () => {
    // 10 of 100 vs 10 of 1,000: 2·Σ O·ln(O/E) over the four cells = 22.908 (worked by hand).
    expect(logLikelihoodG2(10, 100, 10, 1000)).toBeCloseTo(22.908, 2);
    expect(logLikelihoodG2(10, 100, 100, 1000)).toBeCloseTo(0, 9);
    expect(logLikelihoodG2(5, 50, 0, 0)).toBe(0);
    // Symmetric in the sides.
    expect(logLikelihoodG2(3, 40, 30, 90)).toBeCloseTo(logLikelihoodG2(30, 90, 3, 40), 9);
  });
});

describe('spikeDrivers', () => {
  const normal = ['flight delayed again', 'customer service is slow', 'flight cancelled, no refund'];
  const baseline = Array.from({ length: 300 }, (_, i) => normal[i % normal.length]!);

  it('lists what the window uses more than normal, not what it uses as often, nor rare terms', () => {
    const window = [
      ...Array.from({ length: 20 }, (_, i) => `${normal[i % 3]}, wifi outage #WifiDown`),
      ...Array.from({ length: MIN_DRIVER_COUNT - 1 }, () => 'unheard gripe'),
      ...Array.from({ length: 10 }, (_, i) => normal[i % 3]!),
    ];
    const { phrases, hashtags } = spikeDrivers(window, baseline);
    // "wifi" and "outage" are said by "wifi outage" exactly as often: only the pair is listed.
    expect(phrases.map((p) => p.term)).toEqual(['wifi outage']);
    expect(phrases[0]).toMatchObject({ count: 20, baselineShare: 0 });
    expect(hashtags.map((h) => h.term)).toEqual(['#wifidown']);
  });

  it('finds nothing without a baseline to compare against', () => {
    expect(spikeDrivers(['wifi outage', 'wifi outage', 'wifi outage', 'wifi outage'], [])).toEqual({
      phrases: [],
      hashtags: [],
    });
  });
});
