import { z } from 'zod';
import { OVERRIDABLE_CHECKS } from './reply-checks.ts';

export const OverridableCheckSchema = z.enum(OVERRIDABLE_CHECKS);

/** POST /api/replies/check. */
export const ReplyCheckBodySchema = z.object({
  mentionId: z.uuid('The mention id must be a UUID.'),
  text: z.string().max(10_000),
});

// Shapes of the inbox's finding routes (issue #11): tags, saved views, author context, pre-send
// checks. Apart from contract.ts so the list there stays short; contract.ts re-exports them.

export interface TagDto {
  id: string;
  name: string;
}

const TagName = z
  .string()
  .trim()
  .min(1, 'Give the tag a name.')
  .max(40, 'A tag name has at most 40 characters.');

export const TagBodySchema = z.object({ name: TagName });
export type TagBody = z.infer<typeof TagBodySchema>;

/** Tag many mentions at once (the inbox's multi-select): by the tag's id, or by name (created when new). */
export const BulkTagBodySchema = z
  .object({
    ids: z.array(z.uuid('Each mention id must be a UUID.')).min(1, 'Select at least one mention.').max(500, 'Tag at most 500 mentions at once.'),
    tagId: z.uuid().optional(),
    name: TagName.optional(),
  })
  .refine((b) => (b.tagId === undefined) !== (b.name === undefined), { message: 'Give either a tag (tagId) or a new tag name (name), not both.', path: ['tagId'] });
export type BulkTagBody = z.input<typeof BulkTagBodySchema>;

export interface BulkTagResult {
  tag: TagDto;
  /** The mentions that did not carry the tag before. */
  tagged: string[];
}

export interface SavedViewDto {
  id: string;
  name: string;
  /** The inbox URL's search, "?status=…&…". */
  search: string;
}

export const SavedViewBodySchema = z.object({
  name: z.string().trim().min(1, 'Give the view a name.').max(60, 'A view name has at most 60 characters.'),
  search: z
    .string()
    .max(2000)
    .regex(/^\?[^#\s]*$/, 'A view is the inbox address after "?", e.g. "?status=open&sentiment=negative".'),
});
export type SavedViewBody = z.infer<typeof SavedViewBodySchema>;

/** The author's history with the mention's brand, for the panel. */
export interface AuthorContextDto {
  handle: string;
  /** Mentions of the brand by this author, all time, and how many were complaints. */
  mentions: number;
  complaints: number;
  /** Replies the team sent to this author. */
  repliesSent: number;
  /** Their other mentions, newest first (at most 10). */
  earlier: { id: string; text: string; postedAt: string; sentiment: string; intent: string; status: string }[];
  /** Replies sent to them, newest first (at most 10). */
  replies: { mentionId: string; text: string; sentAt: string; userName: string | null }[];
}
