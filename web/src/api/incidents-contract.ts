import { z } from 'zod';

/** An open incident as the inbox lists it: one item for the storm, with its count. */
export interface IncidentSummaryDto {
  id: string;
  alertId: string;
  brandId: string;
  brandName: string;
  message: string;
  startedAt: string | null;
  acknowledgedAt: string | null;
  deadlineFactor: number | null;
  mentions: number;
}

export interface IncidentProgressDto {
  mentions: number;
  sent: number;
  pending: number;
  failed: number;
  /** Open grouped mentions without the holding reply yet (they joined after the last send). */
  unsent: number;
}

export interface IncidentDto {
  id: string;
  alertId: string;
  brandId: string;
  brandName: string;
  message: string;
  /** Driving phrases and hashtags a mention uses to be grouped (empty: every mention the rule counts). */
  terms: string[];
  status: 'open' | 'closed';
  startedAt: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  outcome: 'resolved' | 'false_alarm' | null;
  deadlineFactor: number | null;
  deadlineSince: string | null;
  deadlineSetBy: string | null;
  holdingText: string | null;
}

export interface IncidentMentionDto {
  id: string;
  platform: string;
  authorHandle: string;
  text: string;
  url: string | null;
  postedAt: string;
  status: 'open' | 'pending' | 'answered' | 'closed' | 'ignored';
  replyState: 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | null;
  replyUrl: string | null;
}

export interface IncidentDetail {
  incident: IncidentDto;
  progress: IncidentProgressDto;
  /** The newest INCIDENT_MENTIONS_SHOWN grouped mentions. */
  mentions: IncidentMentionDto[];
}

export const INCIDENT_MENTIONS_SHOWN = 500;

export const IncidentListQuerySchema = z.strictObject({
  brandId: z.uuid('Pick a brand from the list.').optional(),
});

export const HoldingReplyBodySchema = z.strictObject({
  text: z
    .string('Write the holding reply first.')
    .trim()
    .min(1, 'Write the holding reply first.')
    .max(10_000, 'The holding reply is too long: keep it under 10,000 characters.'),
});

/** The share of each deadline target kept while the incident is open (0.5: half the time), or null to restore. */
export const IncidentDeadlinesBodySchema = z.strictObject({
  factor: z
    .number('Choose how much to shorten the deadlines.')
    .min(0.1, 'Deadlines can be shortened to a tenth at most.')
    .max(0.9, 'A shorter deadline keeps at most 90% of the time; to undo, restore the normal deadlines.')
    .nullable(),
});
