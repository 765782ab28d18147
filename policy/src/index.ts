// Pure policy code: decisions a user waits for that need no I/O, shared by every role (README,
// "Where a decision lives"). Nothing here reads a database, a queue or the network.
export * from './sla/sla-types.ts';
export * from './sla/weekdays.ts';
export * from './sla/sla-policy-input.ts';
export { computeDueAt, openWindowsBetween, businessTimeBetween, businessCalendar, DEFAULT_SLA_RULES, DEFAULT_SLA_TARGETS, type SlaRules } from './sla/compute-due-at.ts';
export { slaRulesFromPolicy } from './sla/sla-rules-from-policy.ts';
