// The rules themselves (deadlines from a policy, business hours) are pure and live in @earshot/policy.
export { applySlaPolicy } from './apply-sla-policy.ts';
export { runSlaTick, slaLevel, SLA_ESCALATION_STEPS, type SlaAlertDetails, type SlaTickResult } from './run-sla-tick.ts';
