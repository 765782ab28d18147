import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../app/bin/earshot.js', import.meta.url));

function classify(input: string): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'classify'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) =>
      resolve({ code, stderr, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) }),
    );
    child.stdin.end(input);
  });
}

describe('npx earshot classify < in.jsonl > out.jsonl', () => {
  it('answers every line in order, with a per-line error for bad lines', async () => {
    const texts = Array.from({ length: 200 }, (_, i) =>
      i % 3 === 0 ? `flight ${i} cancelled again, worst airline ever` : i % 3 === 1 ? `thank you for flight ${i}, lovely crew` : `when does flight ${i} board?`,
    );
    const input = [...texts.slice(0, 100).map((t) => JSON.stringify({ text: t })), '{"text": ', JSON.stringify({ txt: 'x' }), ...texts.slice(100).map((t) => JSON.stringify({ text: t }))].join('\n');
    const r = await classify(`${input}\n`);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(202);
    expect(r.lines[100]).toHaveProperty('error');
    expect(String(r.lines[100]!.error)).toMatch(/^line 101: /);
    expect(r.lines[101]).toHaveProperty('error');
    const answers = [...r.lines.slice(0, 100), ...r.lines.slice(102)];
    answers.forEach((a, i) => {
      expect(a).toEqual(expect.objectContaining({ sentiment: expect.any(String), score: expect.any(Number), confidence: expect.any(Number), intent: expect.any(String), priority: expect.any(Number) }));
      // Order: the i-th answer is about the i-th text.
      const expected = i % 3 === 0 ? 'negative' : i % 3 === 1 ? 'positive' : undefined;
      if (expected) expect(a.sentiment).toBe(expected);
      else expect(a.intent).toBe('question');
    });
    expect(r.stderr).toMatch(/2 of 202 lines could not be classified/);
  });
});
