import { z } from 'zod';

// Apart from contract.ts so report-dto.ts can use it without an import cycle.

/** The inbox's filters as URL search parameters: the API's query and the dashboard's /?… both. */
export const InboxFilterQuerySchema = z.object({
  status: z.enum(['open', 'pending', 'answered', 'closed', 'ignored', 'all']).default('open'),
  /** Who works on it: "me", "none" (unassigned) or a user id. */
  assignee: z.union([z.enum(['me', 'none']), z.uuid()]).optional(),
  brandId: z.uuid().optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  intent: z.enum(['complaint', 'question', 'praise', 'other', 'spam']).optional(),
  platform: z.string().min(1).max(40).optional(),
  priority: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((p) => p as 1 | 2 | 3 | 4)
    .optional(),
  /** A complaint topic, or "none" for mentions without one. */
  topic: z.string().min(1).max(100).optional(),
  /** Posted at or after this instant. */
  postedFrom: z.iso.datetime({ offset: true }).optional(),
  /** Posted before this instant. */
  postedBefore: z.iso.datetime({ offset: true }).optional(),
  /** Who sent the first reply; "none": nobody had answered (as of `asOf`). */
  agentId: z.union([z.uuid(), z.literal('none')]).optional(),
  authorHandle: z.string().min(1).max(200).optional(),
  /** How the mention was first answered, as a weekly report counts it (see findInboxPage). */
  response: z
    .enum([
      'answered',
      'within',
      'late',
      'missed',
      'pending',
      'due',
      'open-at-end',
      'answered-after',
    ])
    .optional(),
  /** Replies sent after this instant do not count for `response` and `agentId`; default now. A report's links carry its own. */
  asOf: z.iso.datetime({ offset: true }).optional(),
  // Finding (issue #11).
  streamId: z.uuid().optional(),
  /** A tag's id. */
  tagId: z.uuid().optional(),
  /** "1": open mentions whose deadline has passed. */
  overdue: z.enum(['1']).optional(),
  /** Words that must each appear in the text, the author's handle or name (any case, any part). */
  search: z.string().trim().min(1).max(200).optional(),
});
export type InboxFilterQuery = z.infer<typeof InboxFilterQuerySchema>;
