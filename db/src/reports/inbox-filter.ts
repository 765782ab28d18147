import { z } from 'zod';

/**
 * Which of a report's mentions a figure counts: a brand, the period's arrival range, and the
 * labels or response outcome behind the figure. Every figure in a report carries one, so the
 * dashboard can open the inbox on exactly those mentions; `countMentionsByFilter` counts them
 * the way the inbox would, and the report's tests check each figure against it.
 */
export const InboxFilterSchema = z.object({
  brandId: z.uuid(),
  /** Arrival (posted_at) range, ISO instants, end exclusive. */
  postedFrom: z.iso.datetime({ offset: true }),
  postedBefore: z.iso.datetime({ offset: true }),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  intent: z.enum(['complaint', 'question', 'praise', 'other', 'spam']).optional(),
  /** A complaint topic; "none" for complaints without one. */
  topic: z.string().min(1).optional(),
  platform: z.string().min(1).optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  /** The agent who sent the first response; "none" for mentions nobody answered by `asOf`. */
  agentId: z.union([z.uuid(), z.literal('none')]).optional(),
  authorHandle: z.string().min(1).optional(),
  /**
   * Response outcome as of `asOf` (see the report's definitions): answered (first reply sent),
   * within / late (answered by / after its deadline), missed (unanswered, deadline passed),
   * pending (unanswered, deadline still ahead), due (answered, or missed), open-at-end (no
   * reply by the period's end), answered-after (first reply after the period's end).
   */
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
  asOf: z.iso.datetime({ offset: true }).optional(),
});
export type InboxFilter = z.infer<typeof InboxFilterSchema>;

/** The filter as the dashboard's inbox URL query (`/inbox?…`), keys in a fixed order. */
export function inboxFilterSearchParams(filter: InboxFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}
