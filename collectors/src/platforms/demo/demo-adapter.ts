import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { findDemoPostsInReplyTo, insertDemoPost, type CollectedMention, type Database } from '@earshot/db';
import type { PlatformAdapter, PollInput, PollResult, PublishedReply, ReplyTarget } from '../adapter.ts';

export const DemoQuerySchema = z.object({
  /** When the replay began; posts before it (the backlog) are there at once. */
  startedAt: z.iso.datetime({ offset: true }).meta({ title: 'Replay started at', description: 'Posts before this time are there at once.' }),
  perMinute: z
    .number()
    .min(0.1, 'Posts a minute must be at least 0.1')
    .max(6_000, 'Posts a minute must be at most 6000')
    .meta({ title: 'Posts a minute' }),
  backlog: z.number().int().min(0).max(1_000).default(30).meta({ title: 'Posts already there', description: 'How many earlier posts the replay starts with (0 to 1000).' }),
});
export type DemoQuery = z.infer<typeof DemoQuerySchema>;

const SampleSchema = z.array(z.object({ id: z.string(), text: z.string() })).min(1);
const PAGE_SIZE = 100;
/** A poll reads at most this many posts; a demo left off for days catches up over a few polls. */
const MAX_PER_POLL = 500;
const REPLY_HANDLE = 'earshot_demo';

const FIRST = ['alex', 'sam', 'jo', 'maria', 'li', 'omar', 'priya', 'dan', 'kim', 'lucas', 'ana', 'tom', 'fatima', 'ivan', 'zoe', 'raj'];
const LAST = ['travels', 'flyer', 'on_the_go', 'nyc', 'atl', 'sfo', 'writes', '88', 'jr', 'miles', 'away', 'home'];

export interface DemoAdapterOptions {
  db: Database;
  /** Tests pass their own sample; the bundled one is 3,000 real airline tweets. */
  sample?: { id: string; text: string }[];
  now?: () => Date;
  /**
   * How long the platform takes to answer a reply after storing it, as a real one does over
   * the network. The post exists from the start of that wait: a process that dies during it
   * leaves a reply whose outcome it never learned.
   */
  replyLatencyMs?: number;
}

/** Demo replies follow the classic tweet limit, counted in code points. */
export function checkDemoReply(text: string): { ok: true } | { ok: false; message: string } {
  const length = [...text].length;
  if (length <= 280) return { ok: true };
  return { ok: false, message: `Demo replies are limited to 280 characters; this one counts ${length}. Shorten it by ${length - 280}.` };
}

function loadBundledSample(): { id: string; text: string }[] {
  const raw = readFileSync(new URL('./airline-tweets-sample.json', import.meta.url), 'utf8');
  return SampleSchema.parse(JSON.parse(raw));
}

/** A number in [0, 1) fixed by `key`: the same in every process. */
function unit(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The demo platform: an endless, deterministic replay of real customer tweets at a
 * configurable pace. Every process computes the same timeline from the stream's query, so
 * it needs no shared state; replies go to the `demo_posts` table.
 */
export function createDemoAdapter(options: DemoAdapterOptions): PlatformAdapter<DemoQuery> {
  const sample = options.sample ?? loadBundledSample();
  const now = options.now ?? (() => new Date());

  const intervalMs = (q: DemoQuery) => 60_000 / q.perMinute;
  const postedAt = (q: DemoQuery, i: number) =>
    Date.parse(q.startedAt) + (i - q.backlog) * intervalMs(q) + unit(`t${i}`) * intervalMs(q) * 0.9;
  const lastVisible = (q: DemoQuery, at: number) => {
    let i = Math.floor((at - Date.parse(q.startedAt)) / intervalMs(q)) + q.backlog;
    while (i >= 0 && postedAt(q, i) > at) i--;
    return i;
  };
  const mentionAt = (q: DemoQuery, i: number): CollectedMention => {
    const source = sample[i % sample.length]!;
    const who = unit(`a${source.id}`);
    const handle = `${FIRST[Math.floor(who * FIRST.length)]}_${LAST[Math.floor(unit(`b${source.id}`) * LAST.length)]}`;
    return {
      externalId: `demo-${i}`,
      url: null,
      text: source.text,
      lang: 'en',
      postedAt: new Date(postedAt(q, i)).toISOString(),
      author: {
        externalId: `demo-user-${handle}`,
        handle,
        name: null,
        // Long-tailed reach, as real audiences are.
        followers: Math.floor(10 ** (1 + unit(`f${source.id}`) * 4.5)),
        verified: unit(`v${source.id}`) < 0.02,
      },
      context: null,
    };
  };

  return {
    platform: 'demo',
    querySchema: DemoQuerySchema,
    checkReply: checkDemoReply,
    async *poll(input: PollInput<DemoQuery>): AsyncGenerator<CollectedMention[], PollResult, void> {
      const q = input.query;
      const from = input.cursor === null ? 0 : Number(input.cursor) + 1;
      let to = Math.min(lastVisible(q, now().getTime()), from + MAX_PER_POLL - 1);
      if (input.readBudget !== null) to = Math.min(to, from + input.readBudget - 1);
      let reads = 0;
      for (let start = from; start <= to; start += PAGE_SIZE) {
        input.signal.throwIfAborted();
        const page: CollectedMention[] = [];
        for (let i = start; i <= Math.min(to, start + PAGE_SIZE - 1); i++) page.push(mentionAt(q, i));
        reads += page.length;
        yield page;
      }
      return { cursor: to >= from ? String(to) : input.cursor, reads };
    },
    async publishReply(target: ReplyTarget, text: string): Promise<PublishedReply> {
      const id = await insertDemoPost(options.db, { inReplyTo: target.externalId, text, authorHandle: REPLY_HANDLE });
      if (options.replyLatencyMs) await new Promise((resolve) => setTimeout(resolve, options.replyLatencyMs));
      return { externalId: `demo-reply-${id}`, url: null };
    },
    async findReply(target: ReplyTarget, text: string): Promise<PublishedReply | null> {
      const posts = await findDemoPostsInReplyTo(options.db, target.externalId);
      const match = posts.find((p) => p.text === text && p.author_handle === REPLY_HANDLE);
      return match ? { externalId: `demo-reply-${match.id}`, url: null } : null;
    },
  };
}
