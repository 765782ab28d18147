import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../app/bin/earshot.js', import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe('start-up errors are one readable line, not a stack trace', () => {
  it('names the PostgreSQL URL it tried, without the password, and what to start', async () => {
    const r = await run({ DATABASE_URL: 'postgres://earshot:s3cret-pw@127.0.0.1:1/earshot', PORT: '0' });
    expect(r.code).toBe(1);
    const line = expectOneLine(r.stderr);
    expect(line).toMatch(/^Cannot reach PostgreSQL at postgres:\/\/earshot:\*\*\*@127\.0\.0\.1:1\/earshot \(.*ECONNREFUSED.*\)\. Start PostgreSQL/);
    expect(line).not.toContain('s3cret-pw');
  });

  it('names the Redis URL it tried and what to start', async () => {
    const r = await run({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
    expect(r.code).toBe(1);
    expect(expectOneLine(r.stderr)).toMatch(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)\. Start Redis/);
  });

  it('names each bad variable', async () => {
    const r = await run({ PORT: 'eighty', EARSHOT_DEMO: 'maybe' });
    expect(r.code).toBe(1);
    const line = expectOneLine(r.stderr);
    expect(line).toMatch(/^Invalid configuration: /);
    expect(line).toContain('PORT');
    expect(line).toContain('EARSHOT_DEMO use auto, on or off');
  });

  it('asks for a sender when a mail server is set, and never prints the SMTP password', async () => {
    const r = await run({ EARSHOT_SMTP_URL: 'smtp://alerts:hunter2-smtp@mail.example.com:587' });
    expect(r.code).toBe(1);
    const line = expectOneLine(r.stderr);
    expect(line).toMatch(/^Invalid configuration: EARSHOT_MAIL_FROM must be set when EARSHOT_SMTP_URL is/);
    expect(r.stderr + r.stdout).not.toContain('hunter2-smtp');
  });
});
