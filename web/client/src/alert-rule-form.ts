import type { SensitivityDto, SpikeMetricDto } from '../../src/api/alert-rule-presets.ts';
import { ALERT_RULE_LABELS, AlertRuleBodySchema, type AlertRuleBody, type AlertRuleDto, type AlertRuleKnobs } from '../../src/api/alerts-contract.ts';
import { contractProblems, contractResolver, type FieldOf } from './form-errors.ts';

// The spike rule editor's values (numbers as typed) and the body they make, checked with the
// server's own schema and labels (AlertRuleBodySchema): "Minimum count must be at least 1",
// under the minimum count.

/** Where a brand's rules are read; a saved rule's answer is put there. */
export function alertRulesPath(brandId: string): string {
  return `/api/brands/${encodeURIComponent(brandId)}/alert-rules`;
}

/** Raw knobs: blank means "from the preset". */
const RAW_KNOBS = ['minCount', 'percentAbove', 'deviations'] as const;
const MINUTE_KNOBS = ['windowMinutes', 'cooldownMinutes', 'closeAfterMinutes'] as const;

export interface AlertRuleForm {
  name: string;
  enabled: boolean;
  /** Named as the body names them, so the schema's paths are the form's. */
  rule: {
    metric: SpikeMetricDto;
    sensitivity: SensitivityDto;
    windowMinutes: string;
    cooldownMinutes: string;
    closeAfterMinutes: string;
    minCount: string;
    percentAbove: string;
    deviations: string;
  };
}

export function ruleToForm(rule: AlertRuleDto | null): AlertRuleForm {
  const r: AlertRuleKnobs = rule?.rule ?? {};
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: rule?.name ?? 'Negative mentions spike',
    enabled: rule?.enabled ?? true,
    rule: {
      metric: r.metric ?? 'negative',
      sensitivity: r.sensitivity ?? 'balanced',
      windowMinutes: String(r.windowMinutes ?? 60),
      cooldownMinutes: String(r.cooldownMinutes ?? 60),
      closeAfterMinutes: String(r.closeAfterMinutes ?? 30),
      minCount: text(r.minCount),
      percentAbove: text(r.percentAbove),
      deviations: text(r.deviations),
    },
  };
}

/** A number as typed; blank or words become NaN for the schema to name ("must be a number"). */
function number(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/** The body the editor sends; unchecked (the resolver and the server check it). */
export function formToRuleBody(form: AlertRuleForm): AlertRuleBody {
  const rule: AlertRuleKnobs = { metric: form.rule.metric, sensitivity: form.rule.sensitivity };
  for (const k of MINUTE_KNOBS) rule[k] = number(form.rule[k]);
  for (const k of RAW_KNOBS) if (form.rule[k].trim() !== '') rule[k] = number(form.rule[k]);
  return { name: form.name, rule, enabled: form.enabled };
}

const FIELDS = new Set<string>(Object.keys(ALERT_RULE_LABELS).filter((k) => k !== 'rule'));

export const alertRuleFieldOf: FieldOf<AlertRuleForm> = (path) =>
  FIELDS.has(path) ? (path as 'name' | 'enabled' | `rule.${keyof AlertRuleForm['rule']}`) : null;

export const alertRuleResolver = contractResolver<AlertRuleForm>(formToRuleBody, AlertRuleBodySchema, ALERT_RULE_LABELS, alertRuleFieldOf);

/** The editor's problems by form field, as its resolver puts them. */
export function alertRuleProblems(form: AlertRuleForm): { field: string | null; message: string }[] {
  return contractProblems(AlertRuleBodySchema, ALERT_RULE_LABELS, formToRuleBody(form)).map((p) => ({ field: alertRuleFieldOf(p.path), message: p.message }));
}

/** True when a problem sits under "Advanced" (the editor opens it to show the problem). */
export function isAdvancedField(field: string): boolean {
  return field === 'rule.closeAfterMinutes' || RAW_KNOBS.some((k) => field === `rule.${k}`);
}
