import { z } from 'zod';
import { MalformedPayloadError, PlatformError, type PlatformAdapter, type PollInput, type PollResult } from '@earshot/collectors';
import type { CollectedMention } from '@earshot/db';

/** The query of a firehose stream: which of the fake's streams it reads. */
export const FirehoseQuerySchema = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export type FirehoseQuery = z.infer<typeof FirehoseQuerySchema>;

const PageSchema = z.object({
  posts: z.array(
    z.object({
      id: z.string().min(1),
      text: z.string(),
      created_at: z.iso.datetime({ offset: true }),
      lang: z.string(),
      author: z.object({ id: z.string(), handle: z.string().min(1), name: z.string(), followers: z.number().int().nonnegative(), verified: z.boolean() }),
    }),
  ),
  newest: z.number().int().nullable(),
});

/**
 * The adapter for tests/fakes/firehose: pages of 100 posts after the cursor (the last post's
 * sequence number), at most `maxPagesPerPoll` pages per poll, as a rate-limited platform
 * would allow. Validates each page with zod, as the real adapters do.
 */
export function createFirehoseAdapter(options: { url: string; maxPagesPerPoll?: number }): PlatformAdapter<FirehoseQuery> {
  const maxPages = options.maxPagesPerPoll ?? 20;
  return {
    platform: 'firehose',
    querySchema: FirehoseQuerySchema,
    checkReply: () => ({ ok: false, message: 'The benchmark firehose takes no replies.' }),
    async *poll(input: PollInput<FirehoseQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
      let after = input.cursor === null ? -1 : Number(input.cursor);
      let reads = 0;
      for (let page = 0; page < maxPages; page++) {
        const res = await fetch(`${options.url}/streams/${input.query.key}/posts?after=${after}&limit=100`, { signal: input.signal });
        if (!res.ok) throw new PlatformError('firehose', `The firehose answered ${res.status}`, { retryable: res.status >= 500, status: res.status });
        const parsed = PageSchema.safeParse(await res.json());
        if (!parsed.success) throw new MalformedPayloadError('firehose', 'page', parsed.error.message);
        const posts = parsed.data.posts;
        reads += posts.length;
        if (posts.length === 0) break;
        yield posts.map((p) => ({
          externalId: p.id,
          url: `https://firehose.invalid/${p.id}`,
          text: p.text,
          lang: p.lang,
          postedAt: p.created_at,
          author: { externalId: p.author.id, handle: p.author.handle, name: p.author.name, followers: p.author.followers, verified: p.author.verified },
          context: null,
        }));
        after = Number(posts[posts.length - 1]!.id.slice(posts[posts.length - 1]!.id.lastIndexOf('-') + 1));
        if (posts.length < 100) break;
      }
      return { cursor: after < 0 ? null : String(after), reads };
    },
    publishReply: () => Promise.reject(new PlatformError('firehose', 'The benchmark firehose takes no replies.', { retryable: false })),
    findReply: () => Promise.resolve(null),
  };
}
