/** A mention's priority: 1 (answer first) … 4. */
export type Priority = 1 | 2 | 3 | 4;

/** Minutes to first response per priority. */
export interface SlaTargets {
  P1: number;
  P2: number;
  P3: number;
  P4: number;
}

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday), "HH:MM" local time. */
export type BusinessHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { open: string; close: string }>>;

/** A brand's stored SLA policy as the rules need it (the `sla_policies` row has these columns). */
export interface StoredSlaPolicy {
  time_zone: string;
  targets_minutes: SlaTargets;
  business_hours: BusinessHours | null;
  /** ISO dates (YYYY-MM-DD) in the policy's time zone. */
  holidays: string[];
}
