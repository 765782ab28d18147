import type { ColumnType, Generated, Selectable } from 'kysely';

/** A spike alert's grouped mentions (migration 2026_12_02_01_00_00_incidents); open while its alert is. */
export interface IncidentsTable {
  id: Generated<string>;
  alert_id: string;
  brand_id: string;
  /** Driving phrases and hashtags a mention must use to join; empty: every mention the metric counts. */
  terms: ColumnType<string[], string | undefined, string>;
  /** The metric's label: `{ sentiment: 'negative' }`, `{ intent: 'complaint' }` or `{}`. */
  match: ColumnType<IncidentMatch, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** While open, new mentions' deadline targets are multiplied by this (0 < f < 1); null: as the policy says. */
  deadline_factor: number | null;
  deadline_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deadline_set_by: string | null;
  holding_text: string | null;
}

export interface IncidentMatch {
  sentiment?: 'negative' | 'neutral' | 'positive';
  intent?: 'complaint' | 'question' | 'praise' | 'other' | 'spam';
}

export interface IncidentMentionsTable {
  incident_id: string;
  mention_id: string;
  joined_at: ColumnType<Date, Date | string | undefined, never>;
}

export type Incident = Selectable<IncidentsTable>;
