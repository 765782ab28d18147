// Pipeline throughput: how fast the worker turns collected pages into stored, analyzed
// mentions on the real PostgreSQL and Redis. Prints mentions/s and per-page latency
// percentiles (queued → stored) at two worker concurrencies, in one run, so the ratio is
// meaningful on a noisy machine.
//
//   npm run bench:pipeline            (PAGES=200 by default: 20,000 mentions per round)
import { performance } from 'node:perf_hooks';
import { QueueEvents } from 'bullmq';
import { createDemoAdapter, type PlatformAdapter } from '@earshot/collectors';
import { ensureBrand, insertCollectedPage, JobBus, silentLogger, type CollectedMention } from '@earshot/db';
import { createTestDb, deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { startWorker } from '@earshot/worker';

const PAGES = Number(process.env.PAGES ?? 200);
const PAGE_SIZE = 100;

async function collect(adapter: PlatformAdapter, count: number): Promise<CollectedMention[][]> {
  const pages: CollectedMention[][] = [];
  const poll = adapter.poll({
    query: { startedAt: new Date().toISOString(), perMinute: 6_000, backlog: 1_000 },
    cursor: null,
    readBudget: null,
    signal: new AbortController().signal,
  });
  for (;;) {
    const step = await poll.next();
    if (step.done) break;
    pages.push(step.value);
  }
  // Endless replay: vary ids so every page is new.
  const out: CollectedMention[][] = [];
  for (let p = 0; out.length < count; p++) {
    const page = pages[p % pages.length]!;
    out.push(page.map((m) => ({ ...m, externalId: `${m.externalId}-r${Math.floor(p / pages.length)}` })));
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function round(concurrency: number, pages: CollectedMention[][]) {
  const t = await createTestDb();
  const prefix = testPrefix();
  const bus = new JobBus({ redisUrl: testRedisUrl, prefix });
  try {
    const brand = await ensureBrand(t.db, 'Bench');
    const queuedAt = new Map<string, number>();
    const latencies: number[] = [];
    let stored = 0;
    const done = new Promise<void>((resolve) => {
      void bus.subscribeMentionEvents((e) => {
        if (e.type !== 'mentions.created') return;
        stored += e.ids.length;
        if (stored >= pages.length * PAGE_SIZE) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    const start = performance.now();
    const qe = new QueueEvents('analyze', { connection: bus.connect(), prefix });
    qe.on('completed', ({ jobId }) => {
      const q = queuedAt.get(jobId.replace(/^analyze-/, ''));
      if (q !== undefined) latencies.push(performance.now() - q);
    });
    await qe.waitUntilReady();
    const worker = startWorker({ db: t.db, bus, logger: silentLogger }, { concurrency });
    for (const page of pages) {
      const pageId = await insertCollectedPage(t.db, { brandId: brand.id, streamId: null, platform: 'demo', mentions: page });
      queuedAt.set(pageId, performance.now());
      await bus.enqueue('analyzeMentions', { pageId });
    }
    await done;
    const seconds = (performance.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 300));
    await qe.close();
    await worker.stop();
    latencies.sort((a, b) => a - b);
    return { concurrency, mentions: stored, seconds, perSecond: stored / seconds, latencies };
  } finally {
    await bus.close();
    await t.drop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  }
}

const pages = await collect(createDemoAdapter({ db: undefined as never }) as PlatformAdapter, PAGES);
console.log(`Pipeline benchmark: ${PAGES} pages × ${PAGE_SIZE} mentions, real PostgreSQL + Redis, one worker process`);
console.log('concurrency  mentions  seconds  mentions/s  page latency p50 / p95 / p99 (ms, queued → stored)');
const results = [];
for (const concurrency of [1, 4]) {
  const r = await round(concurrency, pages);
  results.push(r);
  const l = r.latencies;
  console.log(
    `${String(r.concurrency).padStart(11)}  ${String(r.mentions).padStart(8)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.perSecond.toFixed(0).padStart(10)}  ${
      l.length ? `${percentile(l, 50).toFixed(0)} / ${percentile(l, 95).toFixed(0)} / ${percentile(l, 99).toFixed(0)}` : 'n/a'
    }`,
  );
}
console.log(`ratio concurrency 4 / 1: ${(results[1]!.perSecond / results[0]!.perSecond).toFixed(2)}×`);
process.exit(0);
