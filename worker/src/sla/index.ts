export { computeDueAt, openWindowsBetween, businessTimeBetween, businessCalendar, DEFAULT_SLA_RULES, DEFAULT_SLA_TARGETS, type SlaRules } from './compute-due-at.ts';
export { slaRulesFromPolicy } from './sla-rules-from-policy.ts';
export { applySlaPolicy } from './apply-sla-policy.ts';
export { SlaPolicyInputSchema, type SlaPolicyInput, type SlaPolicyValues } from '@earshot/db';
export { runSlaTick, slaLevel, SLA_ESCALATION_STEPS, type SlaAlertDetails, type SlaTickResult } from './run-sla-tick.ts';
