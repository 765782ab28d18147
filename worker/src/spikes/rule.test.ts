import { describe, expect, it } from 'vitest';
import {
  logNormalUpperTail,
  parseSpikeRule,
  resolveSpikeRule,
  SENSITIVITY_PRESETS,
} from './rule.ts';

describe('spike rules', () => {
  it('fills every knob from the preset, and raw knobs override it', () => {
    const balanced = resolveSpikeRule();
    expect(balanced).toMatchObject({
      metric: 'negative',
      windowMinutes: 60,
      sensitivity: 'balanced',
      ...SENSITIVITY_PRESETS.balanced,
      cooldownMinutes: 60,
    });
    const custom = resolveSpikeRule({ sensitivity: 'high', minCount: 30 });
    expect(custom.minCount).toBe(30);
    expect(custom.percentAbove).toBe(SENSITIVITY_PRESETS.high.percentAbove);
  });

  it('deviations become the normal tail probability the count test uses', () => {
    // Φ(−3) = 0.0013499, Φ(−4.75) ≈ 1.0171e-6 (standard tables).
    expect(Math.exp(logNormalUpperTail(3))).toBeCloseTo(0.0013499, 6);
    expect(Math.exp(logNormalUpperTail(4.75)) / 1.0171e-6).toBeCloseTo(1, 3);
    expect(resolveSpikeRule({ sensitivity: 'low' }).logPThreshold).toBeLessThan(
      resolveSpikeRule({ sensitivity: 'high' }).logPThreshold,
    );
  });

  it('names what is wrong in a rule', () => {
    expect(parseSpikeRule('{"windowMinutes": 2}')).toEqual({
      ok: false,
      message: 'invalid rule: windowMinutes must be at least 5',
    });
    expect(parseSpikeRule('{"sensitivity": "extreme"}')).toEqual({
      ok: false,
      message: 'invalid rule: sensitivity must be one of low, balanced, high',
    });
    expect(parseSpikeRule('{"window": 30}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown field "window"'),
    });
    expect(parseSpikeRule('[1]')).toEqual({
      ok: false,
      message: 'invalid rule: the rule must be a JSON object',
    });
    expect(parseSpikeRule('{windowMinutes: 30}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^the rule is not valid JSON/),
    });
    expect(parseSpikeRule('{"windowMinutes": 30, "cooldownMinutes": 5}')).toEqual({
      ok: false,
      message: 'invalid rule: cooldownMinutes must be at least 15',
    });
  });
});
