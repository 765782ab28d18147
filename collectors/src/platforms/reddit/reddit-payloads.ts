import { z } from 'zod';

/**
 * Reddit things as the client hands them over. snoowrap unwraps Reddit's
 * `{kind, data}` envelopes into objects carrying the `data` fields, and turns `author` into
 * an object with `name` and `subreddit` into one with `display_name`; a client that returns
 * raw JSON strings there is accepted too. Only the fields the adapter reads are checked.
 */

const Fullname = (kind: 't1' | 't3') => z.string().regex(new RegExp(`^${kind}_[0-9a-z]{1,13}$`), `a ${kind}_ fullname`);
const ParentFullname = z.string().regex(/^t[13]_[0-9a-z]{1,13}$/, 'a t1_ or t3_ fullname');
/** A deleted account shows as "[deleted]"; some answers leave it null. */
const Author = z
  .union([z.string(), z.object({ name: z.string() }).transform((u) => u.name)])
  .nullable()
  .transform((name) => name ?? '[deleted]');
const SubredditName = z.union([z.string(), z.object({ display_name: z.string() }).transform((s) => s.display_name)]);
const Permalink = z.string().startsWith('/').max(2_000);
const CreatedUtc = z.number().finite().nonnegative();

export const SubmissionSchema = z.object({
  name: Fullname('t3'),
  title: z.string().max(1_000),
  /** Empty for link posts. */
  selftext: z.string().max(100_000).nullish(),
  author: Author,
  author_fullname: z.string().max(200).nullish(),
  created_utc: CreatedUtc,
  permalink: Permalink,
  subreddit: SubredditName,
});
export type RedditSubmission = z.infer<typeof SubmissionSchema>;

export const CommentSchema = z.object({
  name: Fullname('t1'),
  body: z.string().max(100_000),
  author: Author,
  author_fullname: z.string().max(200).nullish(),
  created_utc: CreatedUtc,
  permalink: Permalink,
  parent_id: ParentFullname,
  link_id: Fullname('t3'),
  /** Present in subreddit comment listings: the submission the comment sits under. */
  link_title: z.string().max(1_000).nullish(),
  link_author: z.string().max(200).nullish(),
  subreddit: SubredditName,
});
export type RedditComment = z.infer<typeof CommentSchema>;

/** Either kind of thing, as /api/info returns them. */
export const ThingSchema = z.union([SubmissionSchema, CommentSchema]);

/** What `reply()` resolves with: the new comment (Reddit's `json.data.things[0]`). */
export const PostedCommentSchema = z.object({
  name: Fullname('t1'),
  permalink: Permalink.nullish(),
});

/** A Listing page: the things, and whether Reddit said there is nothing after them. */
export interface ListingPage<T> {
  items: T[];
  finished: boolean;
}

/**
 * Validates one Listing. `finished` comes from snoowrap's `isFinished` (Reddit's `after` was
 * null); a client without it ends the walk only on an empty page.
 */
export function parseListing<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; page: ListingPage<T> } | { ok: false; detail: string } {
  if (!Array.isArray(raw)) return { ok: false, detail: `expected a Listing, got ${describe(raw)}` };
  const items = z.array(schema).safeParse(raw);
  if (!items.success) {
    const issue = items.error.issues[0];
    return { ok: false, detail: `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}` };
  }
  const finished = (raw as { isFinished?: unknown }).isFinished === true;
  return { ok: true, page: { items: items.data, finished } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text starting ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value;
}
