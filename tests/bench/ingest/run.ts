// Ingest throughput, end to end: fake platform pages (tests/fakes/firehose, over HTTP) →
// collectors → analyze → PostgreSQL → announced on Redis pub/sub (what the web role streams
// to dashboards as SSE). Earshot runs in child processes, first all roles in one process,
// then one process per role with 1, 2 and 3 worker processes. The firehose offers more than
// Earshot can take; it pauses while more than MAX_BACKLOG pages wait to be analyzed, so every
// round is saturated without an unbounded backlog. Then the raw ceiling: the same rows
// inserted into the same table with its indexes, by multi-row INSERT … SELECT unnest(…).
//
//   npm run bench:ingest                      (DURATION_S=60 per round, WARMUP_S=8)
//   DURATION_S=15 npm run bench:ingest        (a smoke run)
//   ROUNDS=all,1w npm run bench:ingest        (some rounds only: all, 1w, 2w, 3w, 2c = 2 collectors + 2 workers)
//   PROFILE_DIR=/tmp/prof npm run bench:ingest (each child writes a --cpu-prof profile)
//   CEILING_INDEX=compare npm run bench:ingest (the ceiling also with mentions_brand_posted_idx
//                                              as it was before the covering migration: its insert cost)
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { JobBus } from '@earshot/db';
import { deleteRedisPrefix, testPrefix, testRedisUrl } from '@earshot/db/testing';
import { startFakeFirehose } from '../../fakes/firehose/fake-firehose-server.ts';
import { cpuSeconds, createBenchDatabase, loadAverage, postgresBackends, seedFirehoseStreams, startRoleProcess, type RoleProcess } from './bench-processes.ts';

const DURATION_S = Number(process.env.DURATION_S ?? 60);
const WARMUP_S = Number(process.env.WARMUP_S ?? 8);
const CONCURRENCY = process.env.EARSHOT_WORKER_CONCURRENCY ?? '4';
const MAX_BACKLOG = Number(process.env.MAX_BACKLOG ?? 30);
const CEILING_ROWS = Number(process.env.CEILING_ROWS ?? 100_000);
const COMPARE_INDEX = process.env.CEILING_INDEX === 'compare';
const BRANDS = 4;
const STREAMS_PER_BRAND = 4;
const ROUNDS: Record<string, { label: string; processes: string[][] }> = {
  all: { label: 'one process, all roles', processes: [['web', 'collectors', 'worker']] },
  '1w': { label: 'per role, 1 worker', processes: [['web'], ['collectors'], ['worker']] },
  '2w': { label: 'per role, 2 workers', processes: [['web'], ['collectors'], ['worker'], ['worker']] },
  '3w': { label: 'per role, 3 workers', processes: [['web'], ['collectors'], ['worker'], ['worker'], ['worker']] },
  '2c': { label: 'per role, 2 coll., 2 work.', processes: [['web'], ['collectors'], ['collectors'], ['worker'], ['worker']] },
};
const chosen = (process.env.ROUNDS ?? 'all,1w,2w,3w').split(',').filter((r) => r in ROUNDS);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RoundResult {
  key: string;
  label: string;
  mentions: number;
  seconds: number;
  perSecond: number;
  /** CPU seconds per second of the window, per process group. */
  cpu: { name: string; share: number }[];
  /** Mean stored pages waiting to be analyzed during the window. */
  pagesWaiting: number;
  /** Posts the fake served twice for one stream (a stream polled by two processes at once). */
  reserved: number;
  /** CPU milliseconds (Earshot's processes, its PostgreSQL backends, the fake) per 1,000 mentions stored. */
  cpuMsPer1000: number;
  /** Posts the collectors read from the fake per second. */
  readPerSecond: number;
  duplicates: number;
  ceilingRows?: { id: string }[];
}

async function round(key: string, keepRowsForCeiling: boolean): Promise<RoundResult & { bench?: Awaited<ReturnType<typeof createBenchDatabase>> }> {
  const { label, processes } = ROUNDS[key]!;
  const bench = await createBenchDatabase();
  const prefix = testPrefix();
  // 16 streams × 20 pages of 100 per 1 s poll offer up to 32,000 posts/s; appear at 2,500/s/stream.
  const firehose = await startFakeFirehose({ perSecond: 2_500 });
  const bus = new JobBus({ redisUrl: testRedisUrl, prefix });
  const children: RoleProcess[] = [];
  try {
    await seedFirehoseStreams(bench.db, { brands: BRANDS, streamsPerBrand: STREAMS_PER_BRAND, pollIntervalMs: 1_000 });
    firehose.pause();
    let announced = 0;
    await bus.subscribeMentionEvents((e) => {
      if (e.type === 'mentions.created') announced += e.ids.length;
    });
    const env = { DATABASE_URL: bench.url, REDIS_URL: testRedisUrl, EARSHOT_QUEUE_PREFIX: prefix, EARSHOT_WORKER_CONCURRENCY: CONCURRENCY };
    // Sequentially: each runs the migrations check and scheduler sync at start.
    for (const roles of processes) children.push(await startRoleProcess(roles, firehose.url, env));
    firehose.resume();
    // Closed loop: the firehose pauses while the analyze backlog is long.
    let waiting = 0;
    let waitingSum = 0;
    let waitingSamples = 0;
    let looping = true;
    const loop = (async () => {
      while (looping) {
        waiting = Number((await sql<{ n: string }>`select count(*) as n from collected_pages`.execute(bench.db)).rows[0]!.n);
        waitingSum += waiting;
        waitingSamples++;
        if (waiting > MAX_BACKLOG && !firehose.paused) firehose.pause();
        else if (waiting <= MAX_BACKLOG && firehose.paused) firehose.resume();
        await sleep(200);
      }
    })();
    await sleep(WARMUP_S * 1000);
    const pids = () => ({ node: children.map((c) => ({ name: c.roles, pid: c.child.pid! })), pg: postgresBackends(bench.name) });
    const before = pids();
    const cpu0 = new Map<number, number>([...before.node.map((n) => [n.pid, cpuSeconds(n.pid)] as const), ...before.pg.map((p) => [p, cpuSeconds(p)] as const)]);
    const self0 = process.cpuUsage();
    const start = performance.now();
    const count0 = announced;
    const served0 = firehose.served;
    const reserved0 = firehose.reserved;
    waitingSum = 0;
    waitingSamples = 0;
    await sleep(DURATION_S * 1000);
    const mentions = announced - count0;
    const served = firehose.served - served0;
    const reserved = firehose.reserved - reserved0;
    const meanWaiting = waitingSum / Math.max(1, waitingSamples);
    const seconds = (performance.now() - start) / 1000;
    const self = process.cpuUsage(self0);
    const after = pids();
    const share = (pid: number) => (cpuSeconds(pid) - (cpu0.get(pid) ?? 0)) / seconds;
    const cpu: { name: string; share: number }[] = [];
    const collectors = after.node.filter((n) => n.name === 'collectors').length;
    for (const [i, n] of after.node.entries()) {
      // Two collectors processes are shown one by one: both working says the polls spread.
      if (collectors > 1 && n.name === 'collectors') {
        cpu.push({ name: `collectors#${after.node.slice(0, i).filter((m) => m.name === 'collectors').length + 1}`, share: share(n.pid) });
        continue;
      }
      const existing = cpu.find((c) => c.name === n.name);
      if (existing) existing.share += share(n.pid);
      else cpu.push({ name: n.name, share: share(n.pid) });
    }
    cpu.push({ name: 'postgres', share: after.pg.reduce((s, p) => s + share(p), 0) });
    cpu.push({ name: 'bench (fake+count)', share: (self.user + self.system) / 1e6 / seconds });
    looping = false;
    await loop;
    firehose.pause();
    for (const c of children.reverse()) await c.stop();
    const dup = await sql<{ n: string }>`select count(*) - count(distinct (platform, external_id)) as n from mentions`.execute(bench.db);
    const result: RoundResult = {
      key,
      label,
      mentions,
      seconds,
      perSecond: mentions / seconds,
      cpu,
      pagesWaiting: meanWaiting,
      readPerSecond: served / seconds,
      cpuMsPer1000: (cpu.reduce((sum, c) => sum + c.share, 0) * seconds * 1e6) / Math.max(1, mentions),
      duplicates: Number(dup.rows[0]!.n),
      reserved,
    };
    if (keepRowsForCeiling) return { ...result, bench };
    await bench.drop();
    return result;
  } catch (error) {
    for (const c of children) await c.stop().catch(() => undefined);
    await bench.drop();
    throw error;
  } finally {
    await bus.close();
    await firehose.stop();
    await deleteRedisPrefix(testRedisUrl, prefix);
  }
}

/**
 * The same rows as the last round stored, deleted and inserted again, `batch` rows per
 * statement on two connections at once (the machine has two cores): the fastest PostgreSQL
 * takes these rows into this table with its indexes and constraints, with nothing else to do.
 */
type CeilingResult = { rows: number; perSecond: number; batch: number; cpuMsPer1000: number; index: string };
async function ceiling(bench: Awaited<ReturnType<typeof createBenchDatabase>>): Promise<CeilingResult[]> {
  const columns = (await sql<{ column_name: string; data_type: string; udt_name: string }>`
    select column_name, data_type, udt_name from information_schema.columns
    where table_name = 'mentions' and table_schema = current_schema() order by ordinal_position`.execute(bench.db)).rows;
  await sql`create temporary table ceiling_rows as select * from mentions order by posted_at limit ${CEILING_ROWS}`.execute(bench.db);
  // Rows leave the database once, as text arrays, and come back through unnest.
  const rows = (await sql<Record<string, unknown>>`select * from ceiling_rows`.execute(bench.db)).rows;
  const results: CeilingResult[] = [];
  // With CEILING_INDEX=compare, each batch size runs with the covering index (as migrated) and
  // with the plain (brand_id, posted_at) index it replaced, alternating (covering, plain, covering,
  // plain, covering) so drift on a shared machine falls on both: the difference is what the
  // INCLUDE columns cost per insert.
  const plain = async () => {
    await sql`drop index mentions_brand_posted_idx`.execute(bench.db);
    await sql`create index mentions_brand_posted_idx on mentions (brand_id, posted_at)`.execute(bench.db);
  };
  const covering = async () => {
    await sql`drop index mentions_brand_posted_idx`.execute(bench.db);
    await sql`create index mentions_brand_posted_idx on mentions (brand_id, posted_at)
      include (sla_due_at, id, status, sentiment, intent, priority, is_spam, platform, topic, first_response_at, first_responder_id)`.execute(bench.db);
  };
  const plan: { batch: number; index: string; before?: () => Promise<void> }[] = COMPARE_INDEX
    ? [1_000, 5_000].flatMap((batch) => [
        { batch, index: 'covering' },
        { batch, index: 'plain', before: plain },
        { batch, index: 'covering', before: covering },
        { batch, index: 'plain', before: plain },
        { batch, index: 'covering', before: covering },
      ])
    : [{ batch: 1_000, index: 'covering' }, { batch: 5_000, index: 'covering' }];
  for (const { batch, index, before } of plan) {
    await sql`truncate mentions cascade`.execute(bench.db);
    await before?.();
    const statements: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      const arrays = columns.map((c) => chunk.map((r) => toText(r[c.column_name])));
      const list = sql.raw(columns.map((c) => c.column_name).join(', '));
      const unnest = sql.join(columns.map((c, j) => sql`${arrays[j]}::text[]::${sql.raw(arrayType(c.udt_name))}`));
      statements.push(() => sql`insert into mentions (${list}) select * from unnest(${unnest})`.execute(bench.db));
    }
    const backends = postgresBackends(bench.name);
    const cpu0 = backends.reduce((sum, p) => sum + cpuSeconds(p), 0);
    const self0 = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < statements.length) await statements[next++]!();
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const self = process.cpuUsage(self0);
    const cpu = backends.reduce((sum, p) => sum + cpuSeconds(p), 0) - cpu0 + (self.user + self.system) / 1e6;
    results.push({ rows: rows.length, perSecond: rows.length / seconds, batch, cpuMsPer1000: (cpu * 1e6) / rows.length, index });
  }
  return results;
}

function arrayType(udt: string): string {
  return `${udt.replace(/^_/, '')}[]`;
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

console.log(`Ingest benchmark: ${BRANDS * STREAMS_PER_BRAND} firehose streams polled every 1 s (20 pages of 100 per poll),`);
console.log(`${DURATION_S} s measured per round after ${WARMUP_S} s warm-up, worker concurrency ${CONCURRENCY}; load average at start ${loadAverage()}`);
console.log('round                      mentions  seconds  mentions/s  read/s  waiting  duplicates  re-served  CPU ms/1000  CPU per second of run (cores)');
const results: RoundResult[] = [];
let ceilingResults: CeilingResult[] = [];
for (const [i, key] of chosen.entries()) {
  const r = await round(key, i === chosen.length - 1);
  results.push(r);
  console.log(
    `${r.label.padEnd(25)}  ${String(r.mentions).padStart(8)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.perSecond.toFixed(0).padStart(10)}  ${r.readPerSecond.toFixed(0).padStart(6)}  ${r.pagesWaiting.toFixed(0).padStart(7)}  ${String(r.duplicates).padStart(10)}  ${String(r.reserved).padStart(9)}  ${r.cpuMsPer1000.toFixed(0).padStart(11)}  ${r.cpu
      .map((c) => `${c.name} ${c.share.toFixed(2)}`)
      .join(', ')}`,
  );
  if (r.bench) {
    try {
      ceilingResults = await ceiling(r.bench);
    } finally {
      await r.bench.drop();
    }
  }
}
for (const c of ceilingResults) console.log(`ceiling: ${c.rows} rows, ${c.batch} rows per INSERT … unnest, 2 connections, ${c.index} brand-period index: ${c.perSecond.toFixed(0)} rows/s, ${c.cpuMsPer1000.toFixed(0)} CPU ms per 1000 rows (PostgreSQL + this process)`);
if (COMPARE_INDEX) {
  const mean = (index: string, f: (c: CeilingResult) => number) => {
    const picked = ceilingResults.filter((c) => c.index === index);
    return picked.reduce((sum, c) => sum + f(c), 0) / picked.length;
  };
  const rate = mean('covering', (c) => c.perSecond) / mean('plain', (c) => c.perSecond);
  const cpu = mean('covering', (c) => c.cpuMsPer1000) / mean('plain', (c) => c.cpuMsPer1000);
  console.log(`covering index insert cost: ${((1 - rate) * 100).toFixed(1)}% fewer rows/s, ${((cpu - 1) * 100).toFixed(1)}% more CPU per row than the plain index (means of every batch size)`);
}
const best = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
const top = Math.max(...ceilingResults.map((c) => c.perSecond));
const workers = results.filter((r) => /^\dw$/.test(r.key));
if (workers.length > 1) console.log(`scale out: ${workers.map((w) => `${w.key} ${(w.perSecond / workers[0]!.perSecond).toFixed(2)}×`).join(', ')} of 1 worker; load average at end ${loadAverage()}`);
const cheapest = Math.min(...ceilingResults.map((c) => c.cpuMsPer1000));
// On a machine shared with other work the rates above are what this run got; CPU time per
// mention is what the work costs, and says what two idle cores would sustain.
console.log(
  `CPU cost: ${best.cpuMsPer1000.toFixed(0)} ms per 1000 mentions end to end (${best.label}) vs ${cheapest.toFixed(0)} ms per 1000 rows for the ceiling: ${((cheapest / best.cpuMsPer1000) * 100).toFixed(0)}% of ceiling by CPU; 2 idle cores ≈ ${((2 * 1e6) / best.cpuMsPer1000).toFixed(0)} mentions/s (Redis's CPU not counted)`,
);
console.log(`ingest: ${best.perSecond.toFixed(0)} mentions/s end to end, ceiling ${top.toFixed(0)} rows/s, ${((best.perSecond / top) * 100).toFixed(0)}% of ceiling`);
process.exit(0);
