import { DEFAULT_SLA_RULES, type SlaRules } from './compute-due-at.ts';
import type { StoredSlaPolicy } from './sla-types.ts';

/** The rules a brand's deadlines follow: its stored policy, or the defaults when it has none. */
export function slaRulesFromPolicy(policy: StoredSlaPolicy | undefined): SlaRules {
  if (!policy) return DEFAULT_SLA_RULES;
  return {
    timeZone: policy.time_zone,
    targetsMinutes: policy.targets_minutes,
    businessHours: policy.business_hours,
    holidays: policy.holidays,
  };
}
