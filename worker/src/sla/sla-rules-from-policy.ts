import type { SlaPolicy } from '@earshot/db';
import { DEFAULT_SLA_RULES, type SlaRules } from './compute-due-at.ts';

/** The rules a brand's deadlines follow: its stored policy, or the defaults when it has none. */
export function slaRulesFromPolicy(policy: SlaPolicy | undefined): SlaRules {
  if (!policy) return DEFAULT_SLA_RULES;
  return {
    timeZone: policy.time_zone,
    targetsMinutes: policy.targets_minutes,
    businessHours: policy.business_hours,
    holidays: policy.holidays,
  };
}
