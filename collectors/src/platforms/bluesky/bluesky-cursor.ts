import { z } from 'zod';
import { PlatformError } from '../errors.ts';

/**
 * Where a Bluesky stream's reading stands. Search returns the newest posts first, filtered by
 * `since` (inclusive) and `until` (exclusive) on the post's sort time, in milliseconds here.
 *
 * Per keyword:
 * - `since`: the sort time of the newest post read; every older one has been read (null: nothing read yet).
 * - `gap`: a poll cut short (read budget, page cap) read [gap.until, gap.newest] and not
 *   [since, gap.until); the next poll reads that first, then moves `since` to gap.newest.
 *
 * `seen` holds the posts read near the edges (uri → sort time), for every keyword at once:
 * each search re-reads an overlap below `since` (search shows some posts late) and the posts
 * sharing the boundary time, and a post matching two keywords must still be collected once.
 */
const Millis = z.number().int().nonnegative();
const KeywordCursorSchema = z.object({
  since: Millis.nullable(),
  gap: z.object({ until: Millis, newest: Millis }).optional(),
});
export type BlueskyKeywordCursor = z.infer<typeof KeywordCursorSchema>;

const BlueskyCursorSchema = z.object({
  v: z.literal(1),
  keywords: z.record(z.string(), KeywordCursorSchema),
  seen: z.record(z.string(), Millis),
});
export type BlueskyCursor = z.infer<typeof BlueskyCursorSchema>;

export function parseBlueskyCursor(raw: string | null): BlueskyCursor {
  if (raw === null) return { v: 1, keywords: {}, seen: {} };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = BlueskyCursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new PlatformError(
      'bluesky',
      `The stream's saved Bluesky position (${raw.slice(0, 80)}) is not one this version understands. Reset the stream's position to start reading from the newest posts.`,
      { retryable: false },
    );
  }
  return parsed.data;
}

/** Keeps only what a later search can return again: posts at or after the lowest bound still read from. */
export function formatBlueskyCursor(cursor: BlueskyCursor, overlapMs: number): string {
  const bounds = Object.values(cursor.keywords)
    .map((k) => k.since)
    .filter((b): b is number => b !== null);
  // A keyword that has read nothing yet starts from the newest posts, not from a bound.
  const floor = bounds.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...bounds) - overlapMs;
  const seen = Object.fromEntries(Object.entries(cursor.seen).filter(([, at]) => at >= floor));
  return JSON.stringify({ v: 1, keywords: cursor.keywords, seen });
}
