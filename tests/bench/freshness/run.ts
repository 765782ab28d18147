// Freshness: how long after a post appears on a platform a signed-in dashboard hears of it.
// The firehose fake (tests/fakes/firehose) publishes a steady stream of posts on STREAMS
// streams, each polled every POLL_S seconds by Earshot (all roles in one child process); a
// client signed in as the admin holds the dashboard's SSE stream (/api/events) open. For every
// post that appeared during the run: the time from its appearance to the `mentions.created`
// event naming it. Prints p50/p95/p99 and any post never announced.
//
//   npm run bench:freshness                 (POLL_S=2, DURATION_S=60, RATE=20 posts/s per stream, STREAMS=4)
//   POLL_S=5 DURATION_S=20 npm run bench:freshness
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { startFakeFirehose } from '../../fakes/firehose/fake-firehose-server.ts';
import { ApiClient } from '../../support/api-client.ts';
import { createBenchDatabase, loadAverage, seedFirehoseStreams, startRoleProcess, type RoleProcess } from '../ingest/bench-processes.ts';

const POLL_S = Number(process.env.POLL_S ?? 2);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const RATE = Number(process.env.RATE ?? 20);
const STREAMS = Number(process.env.STREAMS ?? 4);
const WARMUP_S = Number(process.env.WARMUP_S ?? 5);
/** After the run, how long posts of its last moments may take before they count as never announced. */
const GRACE_S = POLL_S + 10;
const ADMIN_PASSWORD = 'bench-admin-password';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Reads the SSE stream, calling `onEvent` with each event's name, data and arrival time (epoch ms). */
async function openEvents(api: ApiClient, cookie: string, onEvent: (name: string, data: string, at: number) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${api.baseUrl}/api/events`, { headers: { cookie, accept: 'text/event-stream' }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`the event stream answered ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const at = Date.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) onEvent(name, data, at);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
}

const bench = await createBenchDatabase();
const prefix = testPrefix();
const firehose = await startFakeFirehose({ perSecond: RATE });
firehose.pause();
let child: RoleProcess | undefined;
const abort = new AbortController();
try {
  const keys = await seedFirehoseStreams(bench.db, { brands: 1, streamsPerBrand: STREAMS, pollIntervalMs: POLL_S * 1000 });
  child = await startRoleProcess(['web', 'collectors', 'worker'], firehose.url, {
    DATABASE_URL: bench.url,
    REDIS_URL: testRedisUrl,
    EARSHOT_QUEUE_PREFIX: prefix,
    EARSHOT_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });
  const api = new ApiClient(child.url!);
  await api.signIn('admin@earshot.local', ADMIN_PASSWORD);
  const cookie = (api as unknown as { cookie: string }).cookie;
  const heard = new Map<string, number>();
  await openEvents(
    api,
    cookie,
    (name, data, at) => {
      if (name !== 'mentions.created') return;
      for (const id of (JSON.parse(data) as { ids: string[] }).ids) heard.set(id, at);
    },
    abort.signal,
  );
  // The timeline starts now: post n of every stream appears at resume + n / RATE.
  firehose.resume();
  const startedAt = Date.now();
  const t0 = performance.now();
  await sleep((WARMUP_S + DURATION_S) * 1000);
  const lastAppearance = Date.now();
  await sleep(GRACE_S * 1000);
  abort.abort();

  if (process.env.BENCH_VERBOSE) console.error(`heard ${heard.size} ids`);
  // Which post each announced id is; when it appeared on the fake.
  const rows = (await sql<{ id: string; external_id: string }>`select id, external_id from mentions`.execute(bench.db)).rows;
  const latencies: number[] = [];
  const announcedPosts = new Set<string>();
  for (const r of rows) {
    const at = heard.get(r.id);
    if (at === undefined) continue;
    announcedPosts.add(r.external_id);
    const seq = Number(r.external_id.slice(r.external_id.lastIndexOf('-') + 1));
    const appeared = firehose.appearedAt(seq);
    if (appeared < startedAt + WARMUP_S * 1000 || appeared > lastAppearance) continue;
    latencies.push((at - appeared) / 1000);
  }
  // Every post that appeared in the window must have been announced.
  let expected = 0;
  let missing = 0;
  for (const key of keys) {
    for (let seq = 0; firehose.appearedAt(seq) <= lastAppearance; seq++) {
      if (firehose.appearedAt(seq) < startedAt + WARMUP_S * 1000) continue;
      expected++;
      if (!announcedPosts.has(`${key}-${seq}`)) missing++;
    }
  }
  latencies.sort((a, b) => a - b);
  if (process.env.BENCH_VERBOSE) console.error(`stored ${rows.length}, expected ${expected}, missing ${missing}`);
  console.log(`Freshness benchmark: ${STREAMS} streams × ${RATE} posts/s on the firehose fake, each polled every ${POLL_S} s, all roles in one process;`);
  console.log(`${DURATION_S} s measured after ${WARMUP_S} s (${((performance.now() - t0) / 1000).toFixed(0)} s in all); load average ${loadAverage()}`);
  console.log('posts   announced  never announced  p50 s  p95 s  p99 s  max s   (post appears on the platform → SSE event at a signed-in client)');
  console.log(
    `${String(expected).padStart(5)}  ${String(latencies.length).padStart(10)}  ${String(missing).padStart(15)}  ${percentile(latencies, 50).toFixed(2).padStart(5)}  ${percentile(latencies, 95).toFixed(2).padStart(5)}  ${percentile(latencies, 99).toFixed(2).padStart(5)}  ${latencies[latencies.length - 1]!.toFixed(2).padStart(5)}`,
  );
  const p95 = percentile(latencies, 95);
  console.log(`target p95 ≤ poll interval + 1 s = ${POLL_S + 1} s: ${p95 <= POLL_S + 1 ? 'met' : 'missed'}`);
  console.log(`freshness: p95 ${p95.toFixed(2)} s at poll interval ${POLL_S} s`);
} finally {
  abort.abort();
  await child?.stop();
  await firehose.stop();
  await bench.drop();
  await deleteRedisPrefix(testRedisUrl, prefix);
}
process.exit(0);
