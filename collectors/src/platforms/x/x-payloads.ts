import { z } from 'zod';
import { MalformedPayloadError, PlatformError } from '../errors.ts';

/**
 * The parts of X API v2 responses the adapter reads, as zod schemas. Every payload is parsed
 * here before anything is taken from it; a payload that does not fit is a MalformedPayloadError.
 */

export const XIdSchema = z.string().regex(/^[0-9]{1,19}$/, 'must be a numeric id');

export const XUserSchema = z.object({
  id: XIdSchema,
  username: z.string().min(1),
  name: z.string(),
  verified: z.boolean().optional(),
  public_metrics: z.object({ followers_count: z.number().int().nonnegative() }).optional(),
});
export type XUser = z.infer<typeof XUserSchema>;

const ReferenceSchema = z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: XIdSchema });

/** A post as the adapter requests it (see TWEET_FIELDS). */
export const XPostSchema = z.object({
  id: XIdSchema,
  text: z.string(),
  author_id: XIdSchema,
  created_at: z.iso.datetime({ offset: true }),
  lang: z.string().optional(),
  conversation_id: XIdSchema.optional(),
  in_reply_to_user_id: XIdSchema.optional(),
  referenced_tweets: z.array(ReferenceSchema).optional(),
  /** Posts over 280 characters: `text` is cut short and the whole text is here. */
  note_tweet: z.object({ text: z.string() }).optional(),
});
export type XPost = z.infer<typeof XPostSchema>;

/** Expanded posts may be missing fields the main ones always have (withheld, protected authors). */
const IncludedPostSchema = z.object({
  id: XIdSchema,
  text: z.string(),
  author_id: XIdSchema.optional(),
  note_tweet: z.object({ text: z.string() }).optional(),
});

export const XProblemSchema = z.looseObject({
  title: z.string(),
  type: z.string(),
  detail: z.string().optional(),
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  parameter: z.string().optional(),
});
export type XProblem = z.infer<typeof XProblemSchema>;

export const XTimelinePageSchema = z.object({
  data: z.array(XPostSchema).min(1).optional(),
  includes: z
    .looseObject({
      users: z.array(XUserSchema).optional(),
      tweets: z.array(IncludedPostSchema).optional(),
    })
    .optional(),
  meta: z.object({
    result_count: z.number().int().nonnegative(),
    newest_id: XIdSchema.optional(),
    oldest_id: XIdSchema.optional(),
    next_token: z.string().min(1).optional(),
  }),
  errors: z.array(XProblemSchema).optional(),
});
export type XTimelinePage = z.infer<typeof XTimelinePageSchema>;

/** The brand's own posts, as read when looking for a reply whose answer was lost. */
export const XOwnPostsPageSchema = z.object({
  data: z
    .array(z.object({ id: XIdSchema, text: z.string(), referenced_tweets: z.array(ReferenceSchema).optional() }))
    .min(1)
    .optional(),
  meta: z.object({ result_count: z.number().int().nonnegative(), next_token: z.string().min(1).optional() }),
  errors: z.array(XProblemSchema).optional(),
});
export type XOwnPostsPage = z.infer<typeof XOwnPostsPageSchema>;

export const XCreatedPostSchema = z.object({ data: z.object({ id: XIdSchema, text: z.string() }) });
export const XMeSchema = z.object({ data: XUserSchema });

export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/**
 * A 200 that holds only `errors` is X saying the resource itself is not there (an unknown or
 * suspended user id). That is an answer, not a malformed page: it needs the user to act.
 */
function rejectErrorOnlyAnswer(raw: unknown, where: string): void {
  if (typeof raw !== 'object' || raw === null) return;
  const body = raw as { data?: unknown; meta?: unknown; errors?: unknown };
  if (body.data !== undefined || body.meta !== undefined || !Array.isArray(body.errors)) return;
  const problems = z.array(XProblemSchema).safeParse(body.errors);
  if (!problems.success || problems.data.length === 0) return;
  const first = problems.data[0]!;
  throw new PlatformError('x', `X could not read ${where}: ${first.detail ?? first.title}. Check the brand account's X user id in the stream's settings.`, {
    retryable: false,
  });
}

/**
 * Parses one page of a post timeline (search or mentions) and checks it is consistent with what
 * was asked: counts agree and every post lies within the requested id range.
 */
export function parseTimelinePage(raw: unknown, where: string, range: { since: string | null; until: string | null }): XTimelinePage {
  rejectErrorOnlyAnswer(raw, where);
  const parsed = XTimelinePageSchema.safeParse(raw);
  if (!parsed.success) throw new MalformedPayloadError('x', where, describeIssues(parsed.error));
  const page = parsed.data;
  const posts = page.data ?? [];
  if (page.meta.result_count !== posts.length) {
    throw new MalformedPayloadError('x', where, `meta.result_count is ${page.meta.result_count} but the page holds ${posts.length} posts`);
  }
  for (const post of posts) {
    const id = BigInt(post.id);
    if ((range.since !== null && id <= BigInt(range.since)) || (range.until !== null && id >= BigInt(range.until))) {
      throw new MalformedPayloadError('x', where, `post ${post.id} lies outside the requested id range`);
    }
  }
  return page;
}

export function parseOwnPostsPage(raw: unknown, where: string): XOwnPostsPage {
  rejectErrorOnlyAnswer(raw, where);
  const parsed = XOwnPostsPageSchema.safeParse(raw);
  if (!parsed.success) throw new MalformedPayloadError('x', where, describeIssues(parsed.error));
  return parsed.data;
}

/** Post text as written: X's v2 API sends it with &, < and > escaped as HTML entities. */
export function decodeXEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** X's times: RFC 3339 to the second. */
export function toXTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function xPostUrl(handle: string, id: string): string {
  return `https://x.com/${handle}/status/${id}`;
}
