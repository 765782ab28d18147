// Weekly report speed: generates one brand-week of ROWS mentions (default 1,000,000) plus a
// tenth as many the week before and replies to about 40 % of them, then times buildReport
// for the week. Prints the data size and each run's time; the target is under 2 seconds.
//
//   npm run bench:report              ROWS=200000 npm run bench:report
//
// The machines these run on are shared: besides wall time it prints the CPU time PostgreSQL's
// backends and this process spent on the report (from /proc, PostgreSQL being local), which
// does not grow when other work competes for the cores, and the load average.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createDb } from '@earshot/db';
import { createTestDb, testDatabaseUrl } from '@earshot/db/testing';
import { buildReport } from '@earshot/worker';
import { generateBrandWeek } from './generate-brand-week.ts';
import type { Database } from '@earshot/db';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);

const t = await createTestDb();
try {
  const { id: brandId } = await t.db
    .insertInto('brands')
    .values({ name: 'Bench Co' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('sla_policies')
    .values({
      brand_id: brandId,
      time_zone: 'Europe/London',
      targets_minutes: JSON.stringify({ P1: 60, P2: 120, P3: 240, P4: 480 }),
      business_hours: JSON.stringify(
        Object.fromEntries(
          ['1', '2', '3', '4', '5'].map((d) => [d, { open: '09:00', close: '17:00' }]),
        ),
      ),
      holidays: JSON.stringify(['2026-10-22']),
    })
    .execute();
  const agents = (
    await t.db
      .insertInto('users')
      .values(
        ['Ann', 'Bob', 'Cat', 'Dan'].map((name) => ({
          name,
          email: `${name.toLowerCase()}@bench.test`,
          password_hash: 'x',
        })),
      )
      .returning('id')
      .execute()
  ).map((r) => r.id);

  const g0 = performance.now();
  // 2026-W43 in London (clocks go back on its Sunday) and the week before it.
  await generateBrandWeek(t.db, {
    brandId,
    agentIds: agents,
    start: new Date('2026-10-18T23:00:00Z'),
    end: new Date('2026-10-26T00:00:00Z'),
    rows: ROWS,
    tag: 'w43',
  });
  await generateBrandWeek(t.db, {
    brandId,
    agentIds: agents,
    start: new Date('2026-10-11T23:00:00Z'),
    end: new Date('2026-10-18T23:00:00Z'),
    rows: Math.ceil(ROWS / 10),
    tag: 'w42',
  });
  // What autovacuum would have done by Monday: the first-response trigger rewrote answered rows.
  await sql`vacuum analyze mentions`.execute(t.db);
  await sql`vacuum analyze replies`.execute(t.db);
  const generated = (performance.now() - g0) / 1000;

  const size = await sql<{
    mentions: number;
    replies: number;
    mentions_bytes: string;
    replies_bytes: string;
  }>`
    select (select count(*) from mentions)::int as mentions, (select count(*) from replies)::int as replies,
      pg_size_pretty(pg_total_relation_size('mentions')) as mentions_bytes, pg_size_pretty(pg_total_relation_size('replies')) as replies_bytes
  `.execute(t.db);
  const s = size.rows[0]!;
  console.log(
    `data: ${s.mentions.toLocaleString('en')} mentions (${s.mentions_bytes} with indexes), ${s.replies.toLocaleString('en')} replies (${s.replies_bytes}); generated in ${generated.toFixed(1)} s`,
  );

  const db = createDb({ url: testDatabaseUrl, schema: t.schema, applicationName: 'earshot-bench-report' });
  const generate = () => buildReport(db, { brand: 'Bench Co', week: '2026-W43', asOf: new Date('2026-11-02T09:00:00Z') });
  await generate(); // warm: opens the pool's connections and reads the tables into cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const pg0 = await backendCpuMs(db);
    const cpu0 = process.cpuUsage();
    const r0 = performance.now();
    const report = await generate();
    const ms = performance.now() - r0;
    const cpu = process.cpuUsage(cpu0);
    const pgCpu = (await backendCpuMs(db)) - pg0;
    times.push(ms);
    if (i === 0) {
      const h = report.headline;
      console.log(
        `report: ${h.mentions.value} mentions, ${h.complaints.value} complaints, ${((h.withinDeadline.value ?? 0) * 100).toFixed(1)}% within deadline, ` +
          `median ${h.firstResponseMedianMinutes.value?.toFixed(0)} min, p90 ${h.firstResponseP90Minutes.value?.toFixed(0)} min (business)`,
      );
    }
    console.log(
      `run ${i + 1}: ${(ms / 1000).toFixed(2)} s wall; CPU: PostgreSQL ${(pgCpu / 1000).toFixed(2)} s, node ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
    );
  }
  await db.destroy();
  const best = Math.min(...times);
  console.log(
    `best ${(best / 1000).toFixed(2)} s for ${ROWS.toLocaleString('en')} mentions (target < 2 s): ${best < 2000 ? 'met' : 'NOT met'}`,
  );
} finally {
  await t.drop();
}

/** CPU time (user + system, ms) of this pool's PostgreSQL backends so far, from /proc. */
async function backendCpuMs(db: Database): Promise<number> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = 'earshot-bench-report'`.execute(db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
    } catch {
      // Not local, or the backend has gone: counted as nothing.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
