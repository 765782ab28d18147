// Shared by the ingest and freshness benchmarks: a database of their own, Earshot roles in
// child processes, and CPU time per process read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb, ensureBrand, insertStream, migrateToLatest, quoteIdent, type Database } from '@earshot/db';
import { testDatabaseUrl } from '@earshot/db/testing';

const rolePath = fileURLToPath(new URL('./role-process.ts', import.meta.url));
const testsDir = fileURLToPath(new URL('../..', import.meta.url));
const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface BenchDatabase {
  name: string;
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A migrated database of the benchmark's own (never the shared test schemas); `drop` removes it. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `earshot_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = createDb({ url: testDatabaseUrl, max: 1 });
  await sql`create database ${sql.raw(quoteIdent(name))}`.execute(admin);
  await admin.destroy();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = createDb({ url: url.toString(), max: 3, applicationName: 'earshot-bench-observer' });
  await migrateToLatest(db);
  return {
    name,
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      const cleanup = createDb({ url: testDatabaseUrl, max: 1 });
      await sql`drop database if exists ${sql.raw(quoteIdent(name))} with (force)`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}

/** `brands` brands with `streamsPerBrand` firehose streams each, polled every `pollIntervalMs`. */
export async function seedFirehoseStreams(db: Database, options: { brands: number; streamsPerBrand: number; pollIntervalMs: number }): Promise<string[]> {
  const keys: string[] = [];
  for (let b = 0; b < options.brands; b++) {
    const brand = await ensureBrand(db, `Bench brand ${b + 1}`);
    for (let s = 0; s < options.streamsPerBrand; s++) {
      const key = `b${b}s${s}`;
      await insertStream(db, { brandId: brand.id, platform: 'firehose', name: `Firehose ${key}`, query: { key }, pollIntervalMs: options.pollIntervalMs });
      keys.push(key);
    }
  }
  return keys;
}

export interface RoleProcess {
  child: ChildProcess;
  roles: string;
  url: string | undefined;
  stop(): Promise<void>;
}

/** Starts `role-process.ts` with these roles; resolves once it is running. `PROFILE_DIR` adds --cpu-prof. */
export async function startRoleProcess(roles: string[], firehoseUrl: string, env: Record<string, string>): Promise<RoleProcess> {
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', rolePath, firehoseUrl, roles.join(',')], {
    cwd: testsDir,
    env: { ...process.env, LOG_LEVEL: 'warn', EARSHOT_DEMO: 'off', PORT: '0', EARSHOT_ADMIN_PASSWORD: 'bench-admin-password', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${roles.join(',')} did not start in 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', (d: Buffer) => {
      const line = /ready ?(\S*)/.exec(d.toString());
      if (line) {
        clearTimeout(timer);
        resolve(line[1] || undefined);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${roles.join(',')} exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    child,
    roles: roles.join('+'),
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** User + system CPU seconds a process has used so far (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Pids of PostgreSQL backends serving `database` (their command line names it). */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres:') && cmd.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The machine's load averages, for the record of a noisy run. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
