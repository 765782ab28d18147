import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb, quoteIdent } from '@earshot/db';
import { testDatabaseUrl } from '@earshot/db/testing';

const bin = fileURLToPath(new URL('../../app/bin/earshot.js', import.meta.url));

/** A database of its own, for tests that run Earshot in child processes (which take only a URL). */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `earshot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = createDb({ url: testDatabaseUrl, max: 1 });
  await sql`create database ${sql.raw(quoteIdent(name))}`.execute(admin);
  await admin.destroy();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const cleanup = createDb({ url: testDatabaseUrl, max: 1 });
      await sql`drop database if exists ${sql.raw(quoteIdent(name))} with (force)`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}

export interface ChildEarshot {
  process: ChildProcess;
  /** The web role's address, when it runs one. */
  url: string | undefined;
  output(): string;
  /** SIGKILL: no cleanup, no finishing of jobs — a crash. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<void>;
}

/**
 * Runs `earshot start --role …` in a child process and waits until it says it is running
 * (30 s unless `startTimeoutMs`: tests that start many processes on a loaded machine wait longer).
 */
export async function startChildEarshot(roles: string[], env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<ChildEarshot> {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const child = spawn(process.execPath, [bin, 'start', ...roles.flatMap((r) => ['--role', r])], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`earshot ${roles.join(',')} did not start in ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
    const check = () => {
      if (output.includes('Earshot is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`earshot ${roles.join(',')} exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    process: child,
    url: /Earshot is running at (\S+)/.exec(output)?.[1],
    output: () => output,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
