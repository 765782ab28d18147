import { z } from 'zod';

/**
 * Where a stream's Reddit polls stand, per source (search, comments). Reddit listings run
 * newest first and page backwards with `after`, so a poll walks down from the top until it
 * reaches what an earlier poll already read.
 *
 * - `top`: created_utc of the newest thing read so far.
 * - `seen`: fullname → created_utc of things read within the overlap window below `top`
 *   (and above any open gap's floor). The walk goes a little past `top` because Reddit's
 *   search index lags (a post can appear minutes after it was made); `seen` keeps that
 *   overlap from yielding anything twice.
 * - `gaps`: walks cut short by the read budget or the page cap (`after` = where to resume,
 *   `stopBelow` = the older top they run down to), finished by later polls so nothing
 *   between two polls is skipped.
 * - `key`: the request the state belongs to; a stream whose query changed starts afresh.
 */
const SourceStateSchema = z.object({
  key: z.string(),
  top: z.number().nullable(),
  seen: z.record(z.string(), z.number()),
  gaps: z.array(z.object({ after: z.string(), stopBelow: z.number().nullable() })),
});
export type SourceState = z.infer<typeof SourceStateSchema>;

const CursorSchema = z.object({ v: z.literal(1), sources: z.record(z.string(), SourceStateSchema) });
export type RedditCursor = z.infer<typeof CursorSchema>;

/** Older gaps than this are given up: a listing cannot be paged back further than ~1,000 things anyway. */
export const MAX_GAPS = 5;
/** Bounds the cursor's size on very busy sources; a pruned fullname can at worst be read twice, and the analyze stage drops repeats. */
export const MAX_SEEN = 1_000;

/** Null for a first poll, and for a cursor this code cannot read (it then starts afresh rather than failing forever). */
export function decodeCursor(cursor: string | null): RedditCursor | null {
  if (cursor === null) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(cursor));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function encodeCursor(cursor: RedditCursor): string {
  return JSON.stringify(cursor);
}

/**
 * Keeps the fullnames the next poll needs to recognise: those created at or after
 * `keepFrom` (the bottom of the overlap window, or of an unfinished gap), newest first, at
 * most MAX_SEEN.
 */
export function pruneSeen(seen: Map<string, number>, keepFrom: number | null): Record<string, number> {
  if (keepFrom === null) return {};
  const kept = [...seen].filter(([, created]) => created >= keepFrom).sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(kept.slice(0, MAX_SEEN));
}
