import type { z } from 'zod';
import type { CollectedMention } from '@earshot/db';

/** One page of mentions, handed to the analyze queue as one job. */
export type MentionPage = CollectedMention[];

export interface PollInput<Q> {
  query: Q;
  /** What the last successful poll returned; null on a stream's first poll. */
  cursor: string | null;
  /** Posts this poll may still read (the stream's remaining monthly budget); null = no limit. */
  readBudget: number | null;
  signal: AbortSignal;
}

/** What a poll ends with, once every page has been yielded. */
export interface PollResult {
  /** The cursor to save. Saved only after every page was queued: a crash re-reads, never skips. */
  cursor: string | null;
  /** Posts read from the platform (billing units), including ones filtered out. */
  reads: number;
  /**
   * Something the stream's health must show although the poll succeeded, e.g. posts that
   * could not be read because the platform no longer serves them.
   */
  notice?: string;
}

/** The mention being answered, as far as a platform needs it. */
export interface ReplyTarget {
  externalId: string;
  authorHandle: string;
  url: string | null;
}

export interface PublishedReply {
  externalId: string;
  url: string | null;
}

/**
 * A social platform. One file per platform implements this; nothing outside that file
 * (and its fake server in tests/fakes/) knows the platform's API.
 */
export interface PlatformAdapter<Q = unknown> {
  readonly platform: string;
  /** Validates a stream's query when it is saved; messages are shown to the user as they are. */
  readonly querySchema: z.ZodType<Q>;
  /** Replies longer than this (as the platform counts) are refused before they are queued. */
  checkReply(text: string): { ok: true } | { ok: false; message: string };
  /**
   * Yields pages of mentions newer than the cursor, then returns the new cursor.
   * Throws RateLimitedError, PlatformError or MalformedPayloadError (errors.ts).
   */
  poll(input: PollInput<Q>): AsyncGenerator<MentionPage, PollResult, void>;
  /** Posts a public reply. Throws PlatformError with `sent: 'no' | 'unknown'`. */
  publishReply(target: ReplyTarget, text: string): Promise<PublishedReply>;
  /**
   * After an interrupted send: finds a reply we posted to `target` with this text, or null
   * when the platform is sure there is none.
   */
  findReply(target: ReplyTarget, text: string): Promise<PublishedReply | null>;
}
