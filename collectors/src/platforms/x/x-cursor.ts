import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { XIdSchema } from './x-payloads.ts';

/**
 * Where an X stream's reading stands, per source. X returns the newest posts first, so a poll
 * cut short (read budget, page cap) has read the newest part of the backlog and not the older
 * part: `gap` remembers that hole, and the next poll fills it before reading newer posts.
 *
 * - `since`: every post up to this id has been read (null: nothing read yet).
 * - `after`: with `since` null, every post before this time has been read or given up on:
 *   recent search keeps seven days, so a position older than that is replaced by a time
 *   inside the window (X refuses ids and times together, so a time stands alone).
 * - `gap`: posts in [gap.until, gap.newest] were read too; (since or after, gap.until) still
 *   has to be.
 */
const SourceCursorSchema = z.object({
  since: XIdSchema.nullable(),
  after: z.iso.datetime().optional(),
  gap: z.object({ until: XIdSchema, newest: XIdSchema }).optional(),
});
export type XSourceCursor = z.infer<typeof SourceCursorSchema>;

const XCursorSchema = z.object({
  v: z.literal(1),
  mentions: SourceCursorSchema.optional(),
  search: SourceCursorSchema.optional(),
});
export type XCursor = z.infer<typeof XCursorSchema>;
export type XSourceName = 'mentions' | 'search';

export function parseXCursor(raw: string | null): XCursor {
  if (raw === null) return { v: 1 };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = XCursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new PlatformError('x', `The stream's saved X position (${raw.slice(0, 80)}) is not one this version understands. Reset the stream's position to start reading from the newest posts.`, {
      retryable: false,
    });
  }
  return parsed.data;
}

const TWITTER_EPOCH = 1288834974657n;

/** When X made the post with this id: a snowflake's top bits are milliseconds since X's epoch. */
export function xIdTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

export function formatXCursor(cursor: XCursor): string {
  return JSON.stringify(cursor);
}
