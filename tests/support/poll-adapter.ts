import type { CollectedMention } from '@earshot/db';
import type { PlatformAdapter, PollResult } from '@earshot/collectors';

/** What one poll yielded: its pages, and how it ended (a result, or the error after those pages). */
export interface Drained {
  pages: CollectedMention[][];
  result: PollResult | null;
  error: unknown;
}

/**
 * Runs a poll to its end, keeping the pages it yielded before any error. The query goes
 * through the adapter's schema, as the poll handler's stored query does.
 */
export async function drainPoll<Q>(adapter: PlatformAdapter<Q>, query: unknown, cursor: string | null, readBudget: number | null = null): Promise<Drained> {
  const pages: CollectedMention[][] = [];
  const it = adapter.poll({ query: adapter.querySchema.parse(query), cursor, readBudget, signal: new AbortController().signal });
  try {
    for (;;) {
      const step = await it.next();
      if (step.done) return { pages, result: step.value, error: null };
      pages.push(step.value);
    }
  } catch (error) {
    return { pages, result: null, error };
  }
}

/** A poll that must succeed: its mentions, pages, next cursor and reads. */
export async function pollOk<Q>(adapter: PlatformAdapter<Q>, query: unknown, cursor: string | null, readBudget: number | null = null) {
  const d = await drainPoll(adapter, query, cursor, readBudget);
  if (d.error) throw d.error;
  return { mentions: d.pages.flat(), pages: d.pages, cursor: d.result!.cursor, reads: d.result!.reads };
}

/** A poll that must fail: the pages it yielded first, and the error. */
export async function pollFails<Q>(adapter: PlatformAdapter<Q>, query: unknown, cursor: string | null, readBudget: number | null = null) {
  const d = await drainPoll(adapter, query, cursor, readBudget);
  if (!d.error) throw new Error('the poll was expected to fail, and succeeded');
  return { pages: d.pages, error: d.error };
}
