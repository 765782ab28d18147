import { expect } from 'vitest';
import type { Database } from '@earshot/db';
import { waitFor } from './start-test-app.ts';

/**
 * Stops the only (demo) stream, waits until every collected page is analyzed, and checks the
 * demo platform's deterministic timeline: with the cursor at N, the stored mentions are exactly
 * demo-0 … demo-N, each once. Returns N.
 */
export async function expectDemoTimelineComplete(db: Database, timeoutMs = 60_000): Promise<number> {
  await db.updateTable('streams').set({ enabled: false }).execute();
  await waitFor(
    'the stream to stop and every collected page to be analyzed',
    async () => {
      const stream = await db.selectFrom('streams').select(['cursor', 'poll_lease_until']).executeTakeFirstOrThrow();
      const pages = await db.selectFrom('collected_pages').select('id').execute();
      return stream.poll_lease_until === null && pages.length === 0 ? stream : undefined;
    },
    timeoutMs,
  );
  const stream = await db.selectFrom('streams').select('cursor').executeTakeFirstOrThrow();
  const last = Number(stream.cursor);
  const ids = (await db.selectFrom('mentions').select('external_id').execute()).map((m) => m.external_id);
  const expected = Array.from({ length: last + 1 }, (_, i) => `demo-${i}`);
  expect(ids.length, 'each mention stored once').toBe(expected.length);
  expect(new Set(ids)).toEqual(new Set(expected));
  return last;
}
