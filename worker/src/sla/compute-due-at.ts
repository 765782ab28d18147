import type { Priority, SlaTargets } from '@earshot/db';

export interface SlaRules {
  targetsMinutes: SlaTargets;
}

export const DEFAULT_SLA_TARGETS: SlaTargets = { P1: 30, P2: 60, P3: 240, P4: 1440 };

/** When a first response is due, counted around the clock from arrival. */
export function computeDueAt(rules: SlaRules, priority: Priority, arrivedAt: Date): Date {
  const minutes = rules.targetsMinutes[`P${priority}`];
  return new Date(arrivedAt.getTime() + minutes * 60_000);
}
