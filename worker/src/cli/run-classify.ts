import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { classifyText } from '../analysis/index.ts';
import { scorePriority } from '../priority/index.ts';

/** Output is written in chunks of about this many characters. */
const CHUNK = 64 * 1024;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One output object for one input line: the analysis and priority, or a per-line error. */
function classifyLine(line: string, lineNumber: number): { json: string; error: boolean } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { json: JSON.stringify({ line: lineNumber, error: `line ${lineNumber}: not valid JSON (${(error as Error).message}); expected {"text": "..."}` }), error: true };
  }
  const record = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (record === undefined || typeof record.text !== 'string') {
    const found = record === undefined ? describe(input) : `"text" is ${record.text === undefined ? 'missing' : describe(record.text)}`;
    return { json: JSON.stringify({ line: lineNumber, error: `line ${lineNumber}: expected an object with a string "text", found ${found}` }), error: true };
  }
  const analysis = classifyText(record.text);
  const decision = scorePriority({ analysis, text: record.text, author: { followers: null, verified: false }, recentByAuthor: 0 });
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : undefined;
  return {
    json: JSON.stringify({ line: lineNumber, ...(id === undefined ? {} : { id }), ...analysis, priority: decision.priority, priorityReason: decision.reason }),
    error: false,
  };
}

/**
 * Classifies JSON Lines: each input line `{"text": "...", "id"?: ...}` gives one output
 * line, in input order, with `sentiment`, `score`, `confidence`, `intent`, `topic`,
 * `isSpam`, `priority` and `priorityReason` (priority as for an unknown author with no
 * recent posts), plus `line` (the input line number) and `id` when the input had one.
 *
 * A line that is not JSON, or has no string `text`, gives `{"line": N, "error": "line N: …"}`
 * and processing goes on. Blank lines are skipped and give no output (so a trailing
 * newline or blank separator is harmless); `line` still lets a caller match outputs to
 * inputs.
 *
 * @returns how many non-blank lines were read and how many of them were errors.
 */
export async function runClassify(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<{ lines: number; errors: number }> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let lines = 0;
  let errors = 0;
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    // Respect back-pressure: a slow consumer must not make us buffer the whole input.
    if (!output.write(chunk)) await once(output, 'drain');
  };
  for await (const line of reader) {
    lineNumber++;
    if (line.trim() === '') continue;
    lines++;
    const result = classifyLine(line, lineNumber);
    if (result.error) errors++;
    pending += result.json + '\n';
    if (pending.length >= CHUNK) await flush();
  }
  await flush();
  return { lines, errors };
}
