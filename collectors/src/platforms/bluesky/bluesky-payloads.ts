import { z } from 'zod';

/**
 * Bluesky answers as the adapter reads them. @atproto/api already checks each answer against
 * its lexicon, but a post's `record` is an open `unknown` there: the text, dates and reply
 * references that Earshot stores are checked here. Only fields the adapter reads are listed.
 */

export const PostUriSchema = z.string().regex(/^at:\/\/[^/\s]+\/app\.bsky\.feed\.post\/[A-Za-z0-9._:~-]{1,512}$/, 'an at:// URI of an app.bsky.feed.post record');
const Did = z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]+$/, 'a DID');
const Datetime = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time' });

export const StrongRefSchema = z.object({ uri: PostUriSchema, cid: z.string().min(8).max(200) });
export type StrongRef = z.infer<typeof StrongRefSchema>;

export const PostRecordSchema = z.object({
  $type: z.literal('app.bsky.feed.post').optional(),
  text: z.string().max(100_000),
  createdAt: z.string().max(100),
  langs: z.array(z.string().max(50)).max(10).optional(),
  reply: z.object({ root: StrongRefSchema, parent: StrongRefSchema }).optional(),
});

export const PostViewSchema = z.object({
  uri: PostUriSchema,
  cid: z.string().min(8).max(200),
  author: z.object({
    did: Did,
    handle: z.string().min(1).max(253),
    displayName: z.string().max(640).optional(),
    /** Not part of the basic profile view search returns; used when a server includes it. */
    followersCount: z.number().int().nonnegative().optional(),
    verification: z.object({ verifiedStatus: z.string().optional() }).loose().optional(),
  }),
  record: PostRecordSchema,
  indexedAt: Datetime,
});
export type PostView = z.infer<typeof PostViewSchema>;

export const SearchPageSchema = z.object({ posts: z.array(PostViewSchema), cursor: z.string().max(2_000).optional() });
export const PostsSchema = z.object({ posts: z.array(PostViewSchema) });
export const AuthorFeedSchema = z.object({
  feed: z.array(z.object({ post: PostViewSchema, reason: z.unknown().optional() })),
  cursor: z.string().max(2_000).optional(),
});
export const CreatedRecordSchema = z.object({ uri: PostUriSchema, cid: z.string().min(8) });
export const SessionSchema = z.object({ did: Did, handle: z.string().min(1) });

/** The issues of a failed parse, short enough for a stream's error line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`)
    .join('; ');
}

/** The record key: the last part of an at:// URI. */
export const rkeyOf = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

/** A handle Bluesky could not verify shows as handle.invalid; links then use the DID. */
export function profileName(author: { did: string; handle: string }): string {
  return author.handle === 'handle.invalid' ? author.did : author.handle;
}

export function blueskyPostUrl(author: { did: string; handle: string }, uri: string): string {
  return `https://bsky.app/profile/${profileName(author)}/post/${rkeyOf(uri)}`;
}

/**
 * The time Bluesky's search sorts and filters by (`since`, `until`): the earlier of when the
 * post says it was written and when it was indexed, so a post dated in the future sorts as
 * of its arrival. A `createdAt` that is not a date counts as the indexing time.
 */
export function sortAtOf(post: PostView): number {
  const indexed = Date.parse(post.indexedAt);
  const created = Date.parse(post.record.createdAt);
  return Number.isFinite(created) ? Math.min(created, indexed) : indexed;
}
