import { expect, onTestFailed } from 'vitest';
import type { Database } from '@earshot/db';
import type { ReadinessDto } from '@earshot/web';
import { startChildEarshot, type ChildEarshot } from './child-earshot.ts';
import { waitFor } from './start-test-app.ts';

/**
 * Stops the only (demo) stream, waits until every collected page is analyzed, and checks the
 * demo platform's deterministic timeline: with the cursor at N, the stored mentions are exactly
 * demo-0 … demo-N, each once. Returns N.
 */
export async function expectDemoTimelineComplete(
  db: Database,
  timeoutMs = 60_000,
): Promise<number> {
  await db.updateTable('streams').set({ enabled: false }).execute();
  await waitFor(
    'the stream to stop and every collected page to be analyzed',
    async () => {
      const stream = await db
        .selectFrom('streams')
        .select(['cursor', 'poll_lease_until'])
        .executeTakeFirstOrThrow();
      const pages = await db.selectFrom('collected_pages').select('id').execute();
      return stream.poll_lease_until === null && pages.length === 0 ? stream : undefined;
    },
    timeoutMs,
  );
  const stream = await db.selectFrom('streams').select('cursor').executeTakeFirstOrThrow();
  const last = Number(stream.cursor);
  const ids = (await db.selectFrom('mentions').select('external_id').execute()).map(
    (m) => m.external_id,
  );
  const expected = Array.from({ length: last + 1 }, (_, i) => `demo-${i}`);
  expect(ids.length, 'each mention stored once').toBe(expected.length);
  expect(new Set(ids)).toEqual(new Set(expected));
  return last;
}

/** How many mentions are stored. */
export async function countMentions(db: Database): Promise<number> {
  const row = await db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What `/readyz` answers, within 5 s. */
export async function readiness(url: string): Promise<{ status: number; body: ReadinessDto }> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as ReadinessDto };
}

/**
 * The fault tests' install: the demo stream at 1,800 a minute, collectors and worker in one child
 * process and web in another (so a fault shows in each role), pushed onto `children` for the
 * test to kill; their logs are printed if the test fails. Returns the web role's URL once it
 * answers ready.
 */
export async function startDemoPipeline(
  children: ChildEarshot[],
  services: { databaseUrl: string; redisUrl: string; prefix: string },
): Promise<string> {
  // What the processes logged is the first thing to read when a fault test fails.
  onTestFailed(() =>
    console.error(
      children
        .map((c) => `--- ${c.process.spawnargs.slice(3).join(' ')}\n${c.output()}`)
        .join('\n'),
    ),
  );
  const env = {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    EARSHOT_QUEUE_PREFIX: services.prefix,
    EARSHOT_DEMO: 'on',
    EARSHOT_DEMO_PER_MINUTE: '1800',
    EARSHOT_REQUEUE_AFTER_MS: '3000',
    EARSHOT_ADMIN_PASSWORD: 'not-used-in-this-test',
    PORT: '0',
  };
  children.push(await startChildEarshot(['collectors', 'worker'], env));
  const web = await startChildEarshot(['web'], env);
  children.push(web);
  expect((await readiness(web.url!)).status).toBe(200);
  return web.url!;
}
