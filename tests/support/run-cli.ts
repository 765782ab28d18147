import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from 'earshot';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const bin = fileURLToPath(new URL('../../app/bin/earshot.js', import.meta.url));

/**
 * `earshot <args>` as a child process: node, tsx and the whole app loaded afresh (seconds on a
 * busy machine). For the few tests that prove the real binary works (exit code, piped stdin).
 */
export function spawnEarshot(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * `earshot <args>` run in this process by the CLI's own entry (`runCli`, which `bin/earshot.js`
 * calls): the same parsing, connections, output and exit code, without starting a process. While
 * it runs, `process.env` carries `env` (plus LOG_LEVEL=warn), `process.stdin` reads `stdin`, and
 * what the command writes to stdout and stderr is captured, not printed, as a child's would be
 * (neither is a terminal then, also when vitest runs in one: no progress bars).
 * Runs are serialised: the process's streams and environment are shared.
 */
export function runEarshot(args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, { LOG_LEVEL: 'warn', ...env }, stdin));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], env: Record<string, string>, stdin: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), callback?: (e?: Error | null) => void) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (done) queueMicrotask(() => done());
      return true;
    }) as typeof process.stdout.write;
  const tty = [process.stdout, process.stderr].map((stream) => [stream, Object.getOwnPropertyDescriptor(stream, 'isTTY')] as const);
  Object.assign(process.env, env);
  for (const [stream] of tty) Object.defineProperty(stream, 'isTTY', { configurable: true, writable: true, value: false });
  const input = Readable.from(stdin === '' ? [] : [Buffer.from(stdin)]);
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: stdinDescriptor.enumerable, get: () => input });
  process.stdout.write = capture((s) => (stdout += s));
  process.stderr.write = capture((s) => (stderr += s));
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    Object.defineProperty(process, 'stdin', stdinDescriptor);
    for (const [stream, descriptor] of tty) {
      if (descriptor) Object.defineProperty(stream, 'isTTY', descriptor);
      else delete (stream as { isTTY?: boolean }).isTTY;
    }
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
