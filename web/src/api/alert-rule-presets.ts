// The rule vocabulary the dashboard needs at run time, without zod (kept out of the client bundle).

export const SPIKE_METRICS = ['negative', 'complaints', 'all', 'negative_share'] as const;
export const SENSITIVITIES = ['low', 'balanced', 'high'] as const;
export type SpikeMetricDto = (typeof SPIKE_METRICS)[number];
export type SensitivityDto = (typeof SENSITIVITIES)[number];

/** The presets as raw knobs (mirrors SENSITIVITY_PRESETS in worker/src/spikes/rule.ts; a test compares them). */
export const SENSITIVITY_PRESETS: Record<SensitivityDto, { minCount: number; percentAbove: number; deviations: number }> = {
  low: { minCount: 15, percentAbove: 200, deviations: 5.5 },
  balanced: { minCount: 8, percentAbove: 100, deviations: 4.75 },
  high: { minCount: 4, percentAbove: 50, deviations: 4 },
};

export const METRIC_LABELS: Record<SpikeMetricDto, string> = {
  negative: 'Negative mentions',
  complaints: 'Complaints',
  all: 'All mentions',
  negative_share: 'Share of negative mentions',
};
