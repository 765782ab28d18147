import { z } from 'zod';
import type { DeliveryLogDto } from './channels-contract.ts';

// Spike alert rules and the alert history, shared by the server (which validates with these
// schemas) and the dashboard (which imports the types).
//
//   GET    /api/brands/:id/alert-rules        → { rules: AlertRuleDto[] }
//   POST   /api/brands/:id/alert-rules        AlertRuleBody → 201 { rule: AlertRuleDto }          (manager)
//   PATCH  /api/alert-rules/:id               AlertRulePatch → { rule: AlertRuleDto }            (manager)
//   GET    /api/brands/:id/alerts?{AlertHistoryQuery} → AlertHistoryPage   newest first, keyset paginated
//   GET    /api/alerts/:id                    → { alert: AlertDetailDto, deliveries: DeliveryLogDto[] }
//   POST   /api/alerts/:id/acknowledge        → { alert: AlertDetailDto }                      (agent)
//   POST   /api/alerts/:id/resolve            → { alert: AlertDetailDto }                      (agent)
//   POST   /api/alerts/:id/false-alarm        → { alert: AlertDetailDto, hoursMarked: number[] } (agent)
//
// The rule's knobs mirror AlertRuleSchema in worker/src/spikes/rule.ts (web may not import
// the worker); tests/pipeline/alerts-api.test.ts fails to compile when the two differ, and
// checks that both accept and refuse the same rules. Messages are in the user's words.

import { SENSITIVITIES, SPIKE_METRICS } from './alert-rule-presets.ts';

export * from './alert-rule-presets.ts';

const minutes = (label: string, min: number, max: number, maxWords: string) =>
  z
    .number({ error: `${label} must be a number of minutes` })
    .int(`${label} must be a whole number of minutes`)
    .min(min, `${label} must be at least ${min} minutes`)
    .max(max, `${label} must be at most ${max} minutes (${maxWords})`);

export const AlertRuleKnobsSchema = z
  .object({
    metric: z.enum(SPIKE_METRICS, { error: 'Choose what to watch: negative mentions, complaints, all mentions or the share of negative mentions' }).default('negative'),
    windowMinutes: minutes('Window', 5, 1440, '24 hours').default(60),
    sensitivity: z.enum(SENSITIVITIES, { error: 'Sensitivity must be low, balanced or high' }).default('balanced'),
    minCount: z
      .number({ error: 'Minimum count must be a number' })
      .int('Minimum count must be a whole number')
      .min(1, 'Minimum count must be at least 1')
      .optional(),
    percentAbove: z
      .number({ error: 'Percent above normal must be a number' })
      .min(0, 'Percent above normal must be at least 0')
      .max(10_000, 'Percent above normal must be at most 10000')
      .optional(),
    deviations: z
      .number({ error: 'Deviations must be a number' })
      .min(2, 'Deviations must be at least 2')
      .max(8, 'Deviations must be at most 8')
      .optional(),
    cooldownMinutes: minutes('Cooldown', 15, 1440, 'one day').default(60),
    closeAfterMinutes: minutes('Close after', 5, 1440, '24 hours').default(30),
  })
  .strict();

export type AlertRuleKnobs = z.input<typeof AlertRuleKnobsSchema>;

const RuleNameSchema = z
  .string({ error: 'Name the rule' })
  .trim()
  .min(1, 'Name the rule')
  .max(100, 'The name must be at most 100 characters');

export const AlertRuleBodySchema = z
  .object({
    name: RuleNameSchema,
    rule: AlertRuleKnobsSchema,
    enabled: z.boolean({ error: 'Enabled must be true or false' }).optional(),
  })
  .strict();
export type AlertRuleBody = z.input<typeof AlertRuleBodySchema>;

/** Labels of the rule editor's fields (field-labels.ts); the messages above already start with them. */
export const ALERT_RULE_LABELS = {
  name: 'Name',
  enabled: 'Enabled',
  rule: 'Rule',
  'rule.metric': 'What to watch',
  'rule.windowMinutes': 'Window',
  'rule.sensitivity': 'Sensitivity',
  'rule.minCount': 'Minimum count',
  'rule.percentAbove': 'Percent above normal',
  'rule.deviations': 'Deviations',
  'rule.cooldownMinutes': 'Cooldown',
  'rule.closeAfterMinutes': 'Close after',
} as const;

export const AlertRulePatchSchema = z
  .object({
    name: RuleNameSchema.optional(),
    rule: AlertRuleKnobsSchema.optional(),
    enabled: z.boolean({ error: 'Enabled must be true or false' }).optional(),
  })
  .strict();
export type AlertRulePatch = z.input<typeof AlertRulePatchSchema>;

export interface AlertRuleDto {
  id: string;
  brandId: string;
  name: string;
  enabled: boolean;
  isDefault: boolean;
  /** The knobs as stored (raw knobs only when set; the preset fills the rest). */
  rule: AlertRuleKnobs;
  /** Hours of the week (0 = Sunday 00:00 UTC) marked false alarm, with how often and when last. */
  falseAlarmHours: Record<string, { at: string; n: number }>;
  updatedAt: string;
}

const isoDate = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be a date and time such as 2026-12-01T09:00:00Z` });

export const AlertHistoryQuerySchema = z
  .object({
    status: z.enum(['open', 'closed'], { error: 'Status must be open or closed' }).optional(),
    ruleId: z.uuid('The rule id must be a UUID').optional(),
    from: isoDate('From').optional(),
    to: isoDate('To').optional(),
    /** Keyset: `createdAt|id` of the last alert of the previous page (the page's `next`). */
    after: z
      .string()
      .regex(/^[^|]+\|[0-9a-f-]{36}$/i, 'After must be the "next" value of the previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type AlertHistoryQuery = z.input<typeof AlertHistoryQuerySchema>;

export interface AlertDetailDto {
  id: string;
  kind: string;
  brandId: string | null;
  streamId: string | null;
  ruleId: string | null;
  ruleName: string | null;
  message: string;
  status: 'open' | 'closed';
  createdAt: string;
  startedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
  peak: number | null;
  total: number | null;
  /** The explanation as the detector (and later explainers) stored it: shown generically, always as text. */
  details: Record<string, unknown> | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  outcome: 'resolved' | 'false_alarm' | null;
  handledAt: string | null;
  handledBy: string | null;
}

export interface AlertHistoryPage {
  alerts: AlertDetailDto[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

export type AlertDeliveryDto = Omit<DeliveryLogDto, 'lastError'> & {
  title: string;
  /** Managers only (an error may name the team's systems); null for others. */
  lastError: string | null;
};
