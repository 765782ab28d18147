// The inbox opened from a report figure, at scale: one brand-week of ROWS mentions (default
// 1,000,000; the report bench's generator) plus a tenth as many the week before, then the first
// page (50 rows, earliest deadline first) of the inbox filtered to each of a set of the week's
// report figures, RUNS times each. Prints p50 / max per figure and the rows each figure selects.
//
//   npm run bench:inbox-filters          ROWS=200000 npm run bench:inbox-filters
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { ALL_BRANDS, createDb, findInboxPage, type InboxPageQuery } from '@earshot/db';
import { createTestDb, testDatabaseUrl } from '@earshot/db/testing';
import { buildReport } from '@earshot/worker';
import { generateBrandWeek } from '../report/generate-brand-week.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);

const t = await createTestDb();
try {
  const { id: brandId } = await t.db.insertInto('brands').values({ name: 'Bench Co' }).returning('id').executeTakeFirstOrThrow();
  const agents = (
    await t.db
      .insertInto('users')
      .values(['Ann', 'Bob'].map((name) => ({ name, email: `${name.toLowerCase()}@bench.test`, password_hash: 'x' })))
      .returning('id')
      .execute()
  ).map((r) => r.id);
  const g0 = performance.now();
  await generateBrandWeek(t.db, { brandId, agentIds: agents, start: new Date('2026-10-18T23:00:00Z'), end: new Date('2026-10-26T00:00:00Z'), rows: ROWS, tag: 'w43' });
  await generateBrandWeek(t.db, { brandId, agentIds: agents, start: new Date('2026-10-11T23:00:00Z'), end: new Date('2026-10-18T23:00:00Z'), rows: Math.ceil(ROWS / 10), tag: 'w42' });
  await sql`vacuum analyze mentions`.execute(t.db);
  const total = (await sql<{ n: number }>`select count(*)::int as n from mentions`.execute(t.db)).rows[0]!.n;
  console.log(`data: ${total.toLocaleString('en')} mentions; generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`);

  const db = createDb({ url: testDatabaseUrl, schema: t.schema, applicationName: 'earshot-bench-inbox-filters' });
  const report = await buildReport(db, { brand: brandId, week: '2026-W43', asOf: new Date('2026-11-02T09:00:00Z') });
  const day = report.daily[2]!;
  const figures = [
    ['week: all mentions', report.headline.mentions.filter, report.headline.mentions.value],
    ['week: complaints', report.headline.complaints.filter, report.headline.complaints.value],
    ['one day, negative', { ...day.filter, sentiment: 'negative' as const }, day.negative],
    ['topic', report.topics[0]!.filter, report.topics[0]!.complaints],
    ['P1 within deadline', { ...report.response.byPriority[0]!.filter, response: 'within' as const }, report.response.byPriority[0]!.within],
    ['one agent', report.response.byAgent[0]!.filter, report.response.byAgent[0]!.mentions],
    ['missed', report.response.missed.filter, report.response.missed.value],
    ['open at the end', report.response.openAtEnd.filter, report.response.openAtEnd.value],
  ] as const;
  for (const [name, f, count] of figures) {
    const q: InboxPageQuery = {
      scope: ALL_BRANDS,
      status: 'all',
      limit: 50,
      brandId: f.brandId,
      sentiment: f.sentiment,
      intent: f.intent,
      platform: f.platform,
      priority: f.priority,
      topic: f.topic,
      postedFrom: new Date(f.postedFrom),
      postedBefore: new Date(f.postedBefore),
      agentId: f.agentId,
      authorHandle: f.authorHandle,
      response: f.response,
      asOf: f.asOf ? new Date(f.asOf) : undefined,
    };
    await findInboxPage(db, q); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await findInboxPage(db, q);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} ${String(count).padStart(9)} rows   first page p50 ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  }
  // The inbox's own views and finding (issue #11): first page of each, no period.
  const finding: [string, InboxPageQuery][] = [
    ['All (no filter)', { scope: ALL_BRANDS, status: 'all', limit: 50 }],
    ['Open', { scope: ALL_BRANDS, status: 'open', limit: 50 }],
    ['Open, overdue', { scope: ALL_BRANDS, status: 'open', limit: 50, overdue: true }],
    ['search: common word', { scope: ALL_BRANDS, status: 'all', limit: 50, search: 'parcel' }],
    ['search: one author', { scope: ALL_BRANDS, status: 'all', limit: 50, search: 'user4242' }],
    ['search: no match', { scope: ALL_BRANDS, status: 'all', limit: 50, search: 'zebra' }],
  ];
  for (const [name, q] of finding) {
    await findInboxPage(db, q); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await findInboxPage(db, q);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} ${''.padStart(9)}        first page p50 ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  }
  await db.destroy();
} finally {
  await t.drop();
}
