import type { PlatformAdapter, PollInput, PollResult } from '@earshot/collectors';
import type { CollectedMention } from '@earshot/db';

/**
 * Passes polls through, noting every mention the adapter hands over, so a test can check
 * "once each" before the database's uniqueness hides a duplicate.
 */
export function countingAdapter<Q>(adapter: PlatformAdapter<Q>, yielded: string[]): PlatformAdapter<Q> {
  return {
    ...adapter,
    async *poll(input: PollInput<Q>): AsyncGenerator<CollectedMention[], PollResult, void> {
      const inner = adapter.poll(input);
      for (;;) {
        const step = await inner.next();
        if (step.done) return step.value;
        yielded.push(...step.value.map((m) => m.externalId));
        yield step.value;
      }
    },
  };
}
