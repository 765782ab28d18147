export { computeDueAt, DEFAULT_SLA_TARGETS, type SlaRules } from './compute-due-at.ts';
