/**
 * "Since + gap" reading, for listings that return the newest posts first and filter by a
 * lower bound (X's `since_id`, Bluesky's `since`).
 *
 * A poll cut short (read budget, page cap) has read the newest part of what was new and not
 * the older part. Moving `since` to the newest post read would skip that older part for good;
 * keeping `since` would read the newest part again and again. So the position remembers the
 * hole as `gap`: posts in [gap.until, gap.newest] were read, the ones between `since` and
 * `gap.until` still have to be. The next poll reads the gap first, and only then what is new.
 *
 * `P` is a point in the listing's order (a post id, a time); each platform says how it reads
 * a range and what its position looks like once everything up to a point was read.
 */

/** A position in a newest-first listing; a platform's own position may carry more (`after`). */
export interface GapPosition<P> {
  /** Everything up to this point was read; null when nothing was read yet. */
  since: P | null;
  /** Read [until, newest]; (since, until) is still to be read. */
  gap?: { until: P; newest: P };
}

/** How one walk down a range ended. */
export interface WalkEnd<P> {
  /** The walk reached the bottom of its range (the listing had no further page). */
  complete: boolean;
  /** The newest and oldest points read; null when the walk read nothing. */
  newest: P | null;
  oldest: P | null;
}

export interface GapReader<S extends GapPosition<P>, P, T> {
  /** True for a position that has read nothing: the poll then takes a backlog of the newest posts only. */
  isFirst(state: S): boolean;
  /** The newest posts only, as a stream's first poll reads them. */
  readFirst(): AsyncGenerator<T, WalkEnd<P>, void>;
  /** Reads newest first from the top (`until` null) or from `until` down to where `state` stands. */
  readDown(state: S, until: P | null): AsyncGenerator<T, WalkEnd<P>, void>;
  /** `state` without its gap (and without anything else tied to the gap). */
  positionOf(state: S): S;
  /** The position once everything up to `newest` has been read, starting from `state`. */
  readUpTo(state: S, newest: P): S;
  /** True when `state` already covers `newest` (nothing newer than it was read). Default: never. */
  covers?(state: S, newest: P): boolean;
}

/**
 * Brings one listing up to date as far as the walk's limits allow, yielding what the walks
 * yield, and returns the new position. Nothing between two polls is skipped: an unfinished
 * walk leaves (or keeps) a gap, which the next poll reads before anything newer.
 */
export async function* readWithGap<S extends GapPosition<P>, P, T>(start: S, reader: GapReader<S, P, T>): AsyncGenerator<T, S, void> {
  if (reader.isFirst(start)) {
    const end = yield* reader.readFirst();
    return end.newest === null ? reader.positionOf(start) : reader.readUpTo(start, end.newest);
  }
  let state = start;
  if (state.gap) {
    const gap = state.gap;
    const end = yield* reader.readDown(state, gap.until);
    if (!end.complete) return { ...reader.positionOf(state), gap: { until: end.oldest ?? gap.until, newest: gap.newest } };
    state = reader.readUpTo(reader.positionOf(state), gap.newest);
  }
  const end = yield* reader.readDown(state, null);
  if (end.complete) return end.newest !== null ? reader.readUpTo(state, end.newest) : reader.positionOf(state);
  if (end.newest === null || end.oldest === null || reader.covers?.(state, end.newest)) return reader.positionOf(state);
  return { ...reader.positionOf(state), gap: { until: end.oldest, newest: end.newest } };
}
