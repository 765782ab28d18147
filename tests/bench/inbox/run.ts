// The inbox at ten million: p50/p95 of GET /api/mentions over HTTP, signed in, against the
// real web role on a database of ROWS generated mentions (generate.ts), for the default view,
// each filter the dashboard offers, deep keyset pages, and EXPLAIN (ANALYZE, BUFFERS) of the
// query behind each view (built by the route's own toInboxPageQuery/inboxPageQuery).
//
//   npm run bench:inbox                          10,000,000 mentions (generated once, ~15 min; reused after)
//   ROWS=1000000 npm run bench:inbox             a smaller database (regenerated when ROWS changes)
//   RUNS=50 REGENERATE=1 DROP_AFTER=1 PLANS=0    requests per view; rebuild; drop the database at the end; no plans
//
// The database is `earshot_bench_inbox` (its own; never the test schemas). To add a view, add one
// line to VIEWS: a name and the query string the dashboard would send.
import { performance } from 'node:perf_hooks';
import { sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { ConfigSchema, startEarshot } from 'earshot';
import { ALL_BRANDS, bitmapScansOnly, createDb, inboxPageQuery, inboxSearchWalk, rarestWordFirst, SEARCH_WALK_ROWS, silentLogger, type Database, type InboxPageQuery } from '@earshot/db';
import { testDatabaseUrl, testPrefix, testRedisUrl, deleteRedisPrefix } from '@earshot/db/testing';
import { encodeInboxCursor, hashPassword, InboxQuerySchema, toInboxPageQuery } from '@earshot/web';
import { ApiClient } from '../../support/api-client.ts';
import { databaseUrl, GENERATOR_SHAPE, generateInboxDatabase, TAG_NAMES } from './generate.ts';

const NAME = 'earshot_bench_inbox';
const ROWS = Number(process.env.ROWS ?? 10_000_000);
const RUNS = Number(process.env.RUNS ?? 40);
const PLANS = process.env.PLANS !== '0';
const TARGET_MS = 50;

/** Values the views refer to, read from the generated data. */
interface Ctx {
  big: string;
  small: string;
  agent: string;
  author: string;
  weekFrom: string;
  weekTo: string;
  asOf: string;
  openDeep: string;
  allDeep: string;
  brandAllDeep: string;
  /** The largest brand's X stream and the smallest brand's Bluesky stream. */
  bigStream: string;
  smallStream: string;
  /** The most used tag ("refund", ~7 % of mentions) and the least ("legal", ~1 in 4,000). */
  commonTag: string;
  rareTag: string;
}

/** One line per view: its name and the inbox query string, as the dashboard sends it. */
const VIEWS: [string, (c: Ctx) => Record<string, string>][] = [
  ['default (open)', () => ({})],
  ['answered', () => ({ status: 'answered' })],
  ['all', () => ({ status: 'all' })],
  ['brand (largest), open', (c) => ({ brandId: c.big })],
  ['brand (smallest), open', (c) => ({ brandId: c.small })],
  ['brand (largest), all', (c) => ({ status: 'all', brandId: c.big })],
  ['negative, open', () => ({ sentiment: 'negative' })],
  ['complaints, open', () => ({ intent: 'complaint' })],
  ['platform bluesky, open', () => ({ platform: 'bluesky' })],
  ['P1, open', () => ({ priority: '1' })],
  ['topic billing, all', () => ({ status: 'all', topic: 'billing' })],
  ['brand + author, all', (c) => ({ status: 'all', brandId: c.big, authorHandle: c.author })],
  ['agent, all', (c) => ({ status: 'all', agentId: c.agent })],
  ['missed, all', () => ({ status: 'all', response: 'missed' })],
  ['report week, all', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo })],
  ['report week negative', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo, sentiment: 'negative' })],
  ['report week P1 within', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo, priority: '1', response: 'within', asOf: c.asOf })],
  ['report week one agent', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo, agentId: c.agent, asOf: c.asOf })],
  ['report week author', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo, authorHandle: c.author, intent: 'complaint' })],
  ['report week open-at-end', (c) => ({ status: 'all', brandId: c.big, postedFrom: c.weekFrom, postedBefore: c.weekTo, response: 'open-at-end', asOf: c.asOf })],
  // Finding (issue #11): search, stream, tag, overdue, assignee, and combinations.
  ['search common word, open', () => ({ search: 'refund' })],
  ['search common word, all', () => ({ status: 'all', search: 'refund' })],
  ['search two words, all', () => ({ status: 'all', search: 'charged twice' })],
  ['search common + rare word, all', () => ({ status: 'all', search: 'refund 42424' })],
  ['search words never together', () => ({ status: 'all', search: 'kettle subscription' })],
  ['search brand + word, open', (c) => ({ brandId: c.big, search: 'refund' })],
  ['search rare number, all', () => ({ status: 'all', search: '42424' })],
  ['search rare number, open', () => ({ search: '42424' })],
  ['search middling number, all', () => ({ status: 'all', search: '4242' })],
  ['search author handle, all', (c) => ({ status: 'all', search: c.author })],
  ['search no match, all', () => ({ status: 'all', search: 'zebra' })],
  ['search no match, open', () => ({ search: 'zebra' })],
  ['stream (largest), open', (c) => ({ streamId: c.bigStream })],
  ['stream (largest), all', (c) => ({ status: 'all', streamId: c.bigStream })],
  ['stream (smallest), all', (c) => ({ status: 'all', streamId: c.smallStream })],
  ['tag common, open', (c) => ({ tagId: c.commonTag })],
  ['tag common, all', (c) => ({ status: 'all', tagId: c.commonTag })],
  ['tag rare, open', (c) => ({ tagId: c.rareTag })],
  ['tag rare, all', (c) => ({ status: 'all', tagId: c.rareTag })],
  ['tag + search, all', (c) => ({ status: 'all', tagId: c.commonTag, search: 'charged' })],
  ['overdue', () => ({ overdue: '1' })],
  ['overdue, brand (smallest)', (c) => ({ overdue: '1', brandId: c.small })],
  ['assignee agent ("mine"), open', (c) => ({ assignee: c.agent })],
  ['assignee agent, all', (c) => ({ status: 'all', assignee: c.agent })],
  ['mine (3 mentions), all', () => ({ status: 'all', assignee: 'me' })],
  ['unassigned, open', () => ({ assignee: 'none' })],
  ['unassigned + negative + brand', (c) => ({ assignee: 'none', sentiment: 'negative', brandId: c.big })],
  ['mine + overdue + tag', (c) => ({ assignee: c.agent, overdue: '1', tagId: c.commonTag })],
  ['deep page, open', (c) => ({ cursor: c.openDeep })],
  ['deep page, all', (c) => ({ status: 'all', cursor: c.allDeep })],
  ['deep page, brand all', (c) => ({ status: 'all', brandId: c.big, cursor: c.brandAllDeep })],
];

/** The most rows any Sort node of a text plan reads (its input node's actual rows × loops). */
function sortedRows(plan: string[]): number {
  let most = 0;
  plan.forEach((line, i) => {
    if (!/(^|->)\s*(Incremental )?Sort\s+\(/.test(line.trim())) return;
    const input = plan.slice(i + 1).find((l) => /->.*actual time=/.test(l));
    const m = input ? /rows=(\d+) loops=(\d+)/.exec(input.slice(input.indexOf('actual time='))) : null;
    if (m) most = Math.max(most, Number(m[1]) * Number(m[2]));
  });
  return most;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function existingRows(): Promise<{ rows: number; end: Date; shape: number } | undefined> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ c: string | null }>(`select shobj_description(oid, 'pg_database') as c from pg_database where datname = $1`, [NAME]);
    const m = /rows=(\d+) end=(\S+)(?: shape=(\d+))?/.exec(rows[0]?.c ?? '');
    return m ? { rows: Number(m[1]), end: new Date(m[2]!), shape: Number(m[3] ?? 1) } : undefined;
  } finally {
    await admin.end();
  }
}

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${NAME}" with (force)`);
  await admin.end();
}

const url = databaseUrl(testDatabaseUrl, NAME);
const have = await existingRows();
if (!have || have.rows !== ROWS || have.shape !== GENERATOR_SHAPE || process.env.REGENERATE === '1') {
  const g0 = performance.now();
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  await generateInboxDatabase({ baseUrl: testDatabaseUrl, name: NAME, rows: ROWS, end, log });
  log(`generate: ${ROWS.toLocaleString('en')} mentions ready in ${((performance.now() - g0) / 60_000).toFixed(1)} min`);
} else {
  log(`reusing ${NAME}: ${have.rows.toLocaleString('en')} mentions generated up to ${have.end.toISOString()} (REGENERATE=1 rebuilds it)`);
}

const password = 'bench-inbox-password';
const prefix = testPrefix();
const earshot = await startEarshot(
  ConfigSchema.parse({
    DATABASE_URL: url,
    REDIS_URL: testRedisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    EARSHOT_QUEUE_PREFIX: prefix,
    EARSHOT_ADMIN_EMAIL: 'bench-admin@bench.test',
    EARSHOT_ADMIN_PASSWORD: password,
    EARSHOT_DEMO: 'off',
  }),
  { roles: ['web'], logger: silentLogger, applicationName: 'earshot-bench-inbox-web' },
);
const db = createDb({ url, max: 2, applicationName: 'earshot-bench-inbox' });
try {
  // The generated database has agents only; the bench signs in as an admin of its own.
  const hash = await hashPassword(password);
  const benchAdmin = await db
    .insertInto('users')
    .values({ email: 'bench-admin@bench.test', name: 'Bench admin', password_hash: hash, role: 'admin' })
    .onConflict((oc) => oc.column('email').doUpdateSet({ password_hash: hash, role: 'admin' }))
    .returning('id')
    .executeTakeFirstOrThrow();
  // "Mine" for someone new to the team: three mentions of the smallest brand (the same three each run).
  const small0 = (await db.selectFrom('brands').select('id').orderBy('name', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  const mine = db.selectFrom('mentions').select('id').where('brand_id', '=', small0).orderBy('brand_id').orderBy('sla_due_at').orderBy('id').limit(3);
  await db.updateTable('mentions').set({ assignee_id: benchAdmin.id }).where('id', 'in', mine).execute();
  const api = new ApiClient(earshot.url ?? '');
  await api.signIn('bench-admin@bench.test', password);
  const total = Number((await sql<{ n: string }>`select reltuples::bigint::text as n from pg_class where relname = 'mentions'`.execute(db)).rows[0]!.n);
  const size = (await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('mentions')) as s`.execute(db)).rows[0]!.s;

  // The view's values, each found through an index (setup, not measured).
  const brands = await db.selectFrom('brands').select(['id', 'name']).orderBy('name').execute();
  const big = brands[0]!.id;
  const small = brands.at(-1)!.id;
  const agent = (await db.selectFrom('users').select('id').where('email', '=', 'agent1@bench.test').executeTakeFirstOrThrow()).id;
  const newest = (await db.selectFrom('mentions').select('posted_at').where('brand_id', '=', big).orderBy('brand_id', 'desc').orderBy('posted_at', 'desc').limit(1).executeTakeFirstOrThrow()).posted_at;
  // The last whole ISO week (Monday 00:00 UTC) before the newest mention.
  const monday = new Date(Date.UTC(newest.getUTCFullYear(), newest.getUTCMonth(), newest.getUTCDate() - ((newest.getUTCDay() + 6) % 7)));
  const weekFrom = new Date(monday.getTime() - 7 * 86_400_000);
  const author = (await db.selectFrom('mentions').select('author_handle').where('brand_id', '=', big).where('posted_at', '>=', weekFrom).orderBy('brand_id').orderBy('posted_at').limit(1).executeTakeFirstOrThrow()).author_handle;
  const at = async (status: string | undefined, brandId: string | undefined, offset: number) => {
    let q = db.selectFrom('mentions').select(['sla_due_at', 'id']);
    if (status) q = q.where('status', '=', status as 'open');
    if (brandId) q = q.where('brand_id', '=', brandId);
    const row = await q.orderBy('sla_due_at').orderBy('id').offset(offset).limit(1).executeTakeFirst();
    if (!row) throw new Error(`no row at offset ${offset}: generate more mentions (ROWS)`);
    return encodeInboxCursor(row.sla_due_at, row.id);
  };
  const openCount = Number((await sql<{ n: string }>`select count(*)::text as n from mentions where status = 'open'`.execute(db)).rows[0]!.n);
  const ctx: Ctx = {
    big,
    small,
    agent,
    author,
    weekFrom: weekFrom.toISOString(),
    weekTo: monday.toISOString(),
    asOf: new Date().toISOString(),
    openDeep: await at('open', undefined, Math.floor(openCount * 0.9)),
    allDeep: await at(undefined, undefined, Math.floor(total * 0.5)),
    brandAllDeep: await at(undefined, big, Math.floor(total * 0.05)),
    bigStream: (await db.selectFrom('streams').select('id').where('brand_id', '=', big).where('platform', '=', 'x').executeTakeFirstOrThrow()).id,
    smallStream: (await db.selectFrom('streams').select('id').where('brand_id', '=', small).where('platform', '=', 'bluesky').executeTakeFirstOrThrow()).id,
    commonTag: (await db.selectFrom('tags').select('id').where('name', '=', TAG_NAMES[0]!).executeTakeFirstOrThrow()).id,
    rareTag: (await db.selectFrom('tags').select('id').where('name', '=', TAG_NAMES.at(-1)!).executeTakeFirstOrThrow()).id,
  };
  log(`data: ${total.toLocaleString('en')} mentions (${size} with indexes), ${openCount.toLocaleString('en')} open; deep pages start 90 % into the open view, 50 % into all, ~25 % into the largest brand`);

  /**
   * EXPLAIN (ANALYZE, BUFFERS) of the statements findInboxPage runs: one, or for a search that
   * PostgreSQL would walk, the bounded walk and, if the walk ends short of a page, the trigram
   * statement after it (with the settings findInboxPage gives it).
   */
  const explain = async (conn: Database, query: CompiledQuery, analyze = true) =>
    (await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain ${analyze ? '(analyze, buffers) ' : ''}${query.sql}` })).rows.map((r) => r['QUERY PLAN']);
  const plansOf = async (q: InboxPageQuery): Promise<string[]> => {
    if (q.search === undefined) return explain(db, inboxPageQuery(db, q).compile());
    const search = await rarestWordFirst(db, q.search);
    const planned = inboxPageQuery(db, { ...q, search }).compile();
    if ((await explain(db, planned, false)).join('\n').includes('mentions_search_trgm_idx')) return explain(db, planned);
    const walk = inboxSearchWalk(db, q, search, SEARCH_WALK_ROWS);
    const walked = await walk.execute();
    const lines = ['bounded walk:', ...(await explain(db, walk.compile()))];
    const hits = walked.filter((r) => r.search_hit).length;
    const last = walked.find((r) => r.walk_n === SEARCH_WALK_ROWS);
    if (hits > q.limit || last === undefined) return lines;
    const rest = inboxPageQuery(db, { ...q, search, everyWordIndexed: true, after: { slaDueAt: last.sla_due_at, id: last.id }, limit: q.limit - hits }).compile();
    return [
      ...lines,
      'trigram index with every word, after the walk:',
      ...(await db.transaction().execute(async (trx) => {
        await bitmapScansOnly(trx);
        return explain(trx, rest);
      })),
    ];
  };

  const results: { name: string; p50: number; p95: number; rows: number; plan: string; flag: string }[] = [];
  for (const [name, params] of VIEWS) {
    const query = { limit: '50', ...params(ctx) };
    const path = `/api/mentions?${new URLSearchParams(query).toString()}`;
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const res = await api.request<{ items: unknown[] }>('GET', path);
      if (res.status !== 200) throw new Error(`${name}: ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
      rows = res.body.items.length;
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await api.request('GET', path);
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;

    // The statements the route ran for this query string, explained with their parameters.
    const planLines = await plansOf(toInboxPageQuery(InboxQuerySchema.parse(query), benchAdmin, ALL_BRANDS));
    // The first index the plan reads (an index scan's "using", a bitmap index scan's "on").
    const index = /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/.exec(planLines.join('\n'))?.[1] ?? 'no index';
    const whole = planLines.some((l) => /Seq Scan on mentions/.test(l)) ? 'SEQ SCAN' : sortedRows(planLines) > 1000 ? `SORT ${sortedRows(planLines)}` : '';
    const buffers = /Buffers: (.*)/.exec(planLines.join('\n'))?.[1] ?? '';
    results.push({ name, p50: p(0.5), p95: p(0.95), rows, plan: `${index} (${buffers})`, flag: whole });
    if (PLANS) log(`\n--- ${name}: GET ${path}\n${planLines.map((l) => `    ${l}`).join('\n')}`);
  }

  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  console.log(`\ninbox at ${total.toLocaleString('en')} mentions, ${RUNS} requests per view over HTTP (load average ${load} on ${(await import('node:os')).cpus().length} cores)`);
  console.log(`${'view'.padEnd(31)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'rows'.padStart(5)}  whole-table  plan (index, buffers)`);
  for (const r of results) {
    console.log(`${r.name.padEnd(31)} ${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${String(r.rows).padStart(5)}  ${(r.flag || 'no').padEnd(11)}  ${r.plan}`);
  }
  const worst = results.slice(1).reduce((a, b) => (b.p95 > a.p95 ? b : a));
  const over = results.filter((r) => r.p95 >= TARGET_MS).map((r) => r.name);
  console.log(over.length > 0 ? `over the ${TARGET_MS} ms target: ${over.join(', ')}` : `every view under the ${TARGET_MS} ms target`);
  console.log(`inbox: p95 ${results[0]!.p95.toFixed(1)} ms default view, worst filter ${worst.p95.toFixed(1)} ms (${worst.name})`);
} finally {
  await db.destroy();
  await earshot.stop();
  await deleteRedisPrefix(testRedisUrl, prefix).catch(() => undefined);
  if (process.env.DROP_AFTER === '1') await dropDatabase();
}
