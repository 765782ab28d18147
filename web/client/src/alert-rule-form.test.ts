import { describe, expect, it } from 'vitest';
import type { AlertRuleDto } from '../../src/api/alerts-contract.ts';
import { alertRuleFieldOf, alertRuleProblems, formToRuleBody, isAdvancedField, ruleToForm } from './alert-rule-form.ts';

const stored: AlertRuleDto = {
  id: '00000000-0000-4000-8000-000000000001',
  brandId: '00000000-0000-4000-8000-000000000002',
  name: 'Storms',
  enabled: true,
  isDefault: false,
  rule: { metric: 'complaints', windowMinutes: 30, sensitivity: 'high', minCount: 6 },
  falseAlarmHours: {},
  updatedAt: '2026-12-01T09:00:00Z',
};

describe('alert rule editor', () => {
  it('sends the knobs as numbers, and raw knobs only when typed', () => {
    expect(formToRuleBody(ruleToForm(stored))).toEqual({
      name: 'Storms',
      enabled: true,
      rule: { metric: 'complaints', sensitivity: 'high', windowMinutes: 30, cooldownMinutes: 60, closeAfterMinutes: 30, minCount: 6 },
    });
    expect(alertRuleProblems(ruleToForm(stored))).toEqual([]);
    expect(alertRuleProblems(ruleToForm(null))).toEqual([]);
  });

  it('says what is wrong in the server’s words, on the knob the user typed', () => {
    const form = ruleToForm(stored);
    expect(alertRuleProblems({ ...form, name: '  ', rule: { ...form.rule, minCount: '0', windowMinutes: '' } })).toEqual([
      { field: 'name', message: 'Name the rule' },
      { field: 'rule.windowMinutes', message: 'Window must be a number of minutes' },
      { field: 'rule.minCount', message: 'Minimum count must be at least 1' },
    ]);
    expect(alertRuleProblems({ ...form, rule: { ...form.rule, deviations: '9', cooldownMinutes: '1.5' } })).toEqual([
      { field: 'rule.deviations', message: 'Deviations must be at most 8' },
      { field: 'rule.cooldownMinutes', message: 'Cooldown must be a whole number of minutes' },
    ]);
  });

  it('knows which knobs sit under "Advanced", and which paths are no field', () => {
    expect(isAdvancedField('rule.minCount')).toBe(true);
    expect(isAdvancedField('rule.windowMinutes')).toBe(false);
    expect(alertRuleFieldOf('rule.cooldownMinutes')).toBe('rule.cooldownMinutes');
    expect(alertRuleFieldOf('rule')).toBeNull();
  });
});
