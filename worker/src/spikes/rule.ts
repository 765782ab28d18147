import { z } from 'zod';

export const SPIKE_METRICS = ['negative', 'complaints', 'all', 'negative_share'] as const;
export type SpikeMetric = (typeof SPIKE_METRICS)[number];

export const SENSITIVITIES = ['low', 'balanced', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * The three presets, as raw knobs. Why these numbers (README.md has the longer story):
 * - `deviations` is the surprise needed, in the standard normal's σ: 4.75σ is a one-sided
 *   tail probability of 1e-6. The test itself uses the count model's tail at that
 *   probability, never a z-score. A week has 10,080 minutes and the detector looks at a
 *   handful of windows each minute; at 1e-6 per look a quiet week raises an alarm by chance
 *   about once a year (looks overlap, so less).
 * - `minCount`: below this many mentions in the window nothing is a storm, whatever the odds
 *   (a brand that gets one complaint a day does not need a page for four).
 * - `percentAbove`: the excess a team notices; surprise alone would page a huge brand for 10%.
 */
export const SENSITIVITY_PRESETS: Record<
  Sensitivity,
  { minCount: number; percentAbove: number; deviations: number }
> = {
  low: { minCount: 15, percentAbove: 200, deviations: 5.5 },
  balanced: { minCount: 8, percentAbove: 100, deviations: 4.75 },
  high: { minCount: 4, percentAbove: 50, deviations: 4 },
};

export const AlertRuleSchema = z
  .object({
    metric: z
      .enum(SPIKE_METRICS, { error: `metric must be one of ${SPIKE_METRICS.join(', ')}` })
      .default('negative'),
    windowMinutes: z
      .number({ error: 'windowMinutes must be a number of minutes' })
      .int('windowMinutes must be a whole number of minutes')
      .min(5, 'windowMinutes must be at least 5')
      .max(1440, 'windowMinutes must be at most 1440 (24 hours)')
      .default(60),
    sensitivity: z
      .enum(SENSITIVITIES, { error: `sensitivity must be one of ${SENSITIVITIES.join(', ')}` })
      .default('balanced'),
    minCount: z
      .number({ error: 'minCount must be a number' })
      .int('minCount must be a whole number')
      .min(1, 'minCount must be at least 1')
      .optional(),
    percentAbove: z
      .number({ error: 'percentAbove must be a number' })
      .min(0, 'percentAbove must be at least 0')
      .max(10_000, 'percentAbove must be at most 10000')
      .optional(),
    deviations: z
      .number({ error: 'deviations must be a number' })
      .min(2, 'deviations must be at least 2')
      .max(8, 'deviations must be at most 8')
      .optional(),
    cooldownMinutes: z
      .number({ error: 'cooldownMinutes must be a number of minutes' })
      .int('cooldownMinutes must be a whole number of minutes')
      .min(15, 'cooldownMinutes must be at least 15')
      .max(1440, 'cooldownMinutes must be at most 1440 (one day)')
      .default(60),
    closeAfterMinutes: z
      .number({ error: 'closeAfterMinutes must be a number of minutes' })
      .int('closeAfterMinutes must be a whole number of minutes')
      .min(5, 'closeAfterMinutes must be at least 5')
      .max(1440, 'closeAfterMinutes must be at most 1440')
      .default(30),
  })
  .strict();

export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

/** A rule with its preset applied: every knob has a value. */
export interface SpikeRule {
  metric: SpikeMetric;
  windowMinutes: number;
  sensitivity: Sensitivity;
  minCount: number;
  percentAbove: number;
  deviations: number;
  /** ln of the one-sided tail probability equivalent to `deviations`. */
  logPThreshold: number;
  cooldownMinutes: number;
  closeAfterMinutes: number;
}

/**
 * ln Φ(-z): the log upper tail of the standard normal, from the density times the Mills
 * ratio, whose continued fraction z + 1/(z + 2/(z + 3/(z + …))) converges for every z > 0.
 */
export function logNormalUpperTail(z: number): number {
  let fraction = z;
  for (let k = 80; k >= 1; k--) fraction = z + k / fraction;
  return -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - Math.log(fraction);
}

/** Applies the preset under any raw knobs the rule sets itself. */
export function resolveSpikeRule(input: AlertRuleInput = {}): SpikeRule {
  const rule = AlertRuleSchema.parse(input);
  const preset = SENSITIVITY_PRESETS[rule.sensitivity];
  const deviations = rule.deviations ?? preset.deviations;
  return {
    metric: rule.metric,
    windowMinutes: rule.windowMinutes,
    sensitivity: rule.sensitivity,
    minCount: rule.minCount ?? preset.minCount,
    percentAbove: rule.percentAbove ?? preset.percentAbove,
    deviations,
    logPThreshold: logNormalUpperTail(deviations),
    cooldownMinutes: rule.cooldownMinutes,
    closeAfterMinutes: rule.closeAfterMinutes,
  };
}

/**
 * Parses a rule from JSON text (the CLI's `--rule`, a stored rule): the resolved rule, or one
 * message naming every field that is wrong.
 */
export function parseSpikeRule(
  json: string,
): { ok: true; rule: SpikeRule } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return {
      ok: false,
      message: `the rule is not valid JSON (${(error as Error).message}); example: {"windowMinutes": 30, "sensitivity": "high"}`,
    };
  }
  const parsed = AlertRuleSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: ${Object.keys(AlertRuleSchema.shape).join(', ')})`;
      if (issue.path.length === 0) return 'the rule must be a JSON object';
      return issue.message;
    });
    return { ok: false, message: `invalid rule: ${problems.join('; ')}` };
  }
  return { ok: true, rule: resolveSpikeRule(parsed.data) };
}
