export { scorePriority, type PriorityDecision, type PriorityInput } from './score-priority.ts';
