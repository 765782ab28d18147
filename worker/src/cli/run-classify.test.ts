import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClassify } from './run-classify.ts';

async function run(input: string | string[]): Promise<{ lines: number; errors: number; out: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const result = await runClassify(Readable.from(Array.isArray(input) ? input : [input]), output);
  const text = chunks.join('');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  const out = text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...result, out };
}

describe('runClassify (earshot classify)', () => {
  it('writes one analysis per line with sentiment, intent, topic, spam flag and priority', async () => {
    const { lines, errors, out } = await run('{"text":"@united my bag is lost and nobody answers the phone!!"}\n{"text":"Thanks, the crew was amazing 😊"}\n');
    expect({ lines, errors }).toEqual({ lines: 2, errors: 0 });
    expect(out[0]).toMatchObject({ line: 1, sentiment: 'negative', intent: 'complaint', topic: 'baggage', isSpam: false });
    expect(out[1]).toMatchObject({ line: 2, sentiment: 'positive', intent: 'praise', topic: null, isSpam: false, priority: 4 });
    for (const o of out) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['sentiment', 'score', 'confidence', 'intent', 'topic', 'isSpam', 'priority', 'priorityReason']));
      expect([1, 2, 3, 4]).toContain(o.priority);
      expect(typeof o.priorityReason).toBe('string');
    }
  });

  it('keeps the input order over many lines and chunk boundaries', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: i, text: i % 3 === 0 ? `late again ${i} :(` : `thank you ${i}!` }));
    // Split the input at awkward places: lines cross chunk boundaries.
    const joined = texts.join('\n') + '\n';
    const pieces = [];
    for (let i = 0; i < joined.length; i += 997) pieces.push(joined.slice(i, i + 997));
    const { lines, errors, out } = await run(pieces);
    expect({ lines, errors }).toEqual({ lines: 3000, errors: 0 });
    expect(out.map((o) => o.id)).toEqual(texts.map((_, i) => i));
    expect(out.map((o) => o.line)).toEqual(texts.map((_, i) => i + 1));
  });

  it('turns bad lines into per-line error objects and carries on', async () => {
    const input = ['{"text":"fine thanks"}', 'not json', '{"text": 5}', '[1,2]', '"just a string"', '{"id":"x"}', '{"text":"still going?"}'].join('\n');
    const { lines, errors, out } = await run(input);
    expect({ lines, errors }).toEqual({ lines: 7, errors: 5 });
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ line: 1, sentiment: expect.any(String) });
    expect(out[1]).toEqual({ line: 2, error: expect.stringMatching(/^line 2: not valid JSON/) });
    expect(out[2]).toEqual({ line: 3, error: 'line 3: expected an object with a string "text", found "text" is a number' });
    expect(out[3]).toEqual({ line: 4, error: 'line 4: expected an object with a string "text", found an array' });
    expect(out[4]).toEqual({ line: 5, error: 'line 5: expected an object with a string "text", found a string' });
    expect(out[5]).toEqual({ line: 6, error: 'line 6: expected an object with a string "text", found "text" is missing' });
    expect(out[6]).toMatchObject({ line: 7, intent: 'question' });
  });

  it('skips blank lines without output, but line numbers still point into the input', async () => {
    const { lines, errors, out } = await run('\n{"text":"a"}\n   \n\r\n{"text":"b"}\n\n');
    expect({ lines, errors }).toEqual({ lines: 2, errors: 0 });
    expect(out.map((o) => o.line)).toEqual([2, 5]);
  });

  it('handles empty input', async () => {
    expect(await run('')).toEqual({ lines: 0, errors: 0, out: [] });
  });

  it('waits for a slow consumer instead of buffering the whole output', async () => {
    let total = 0;
    let maxBuffered = 0;
    const output = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        total += chunk.length;
        maxBuffered = Math.max(maxBuffered, this.writableLength);
        setTimeout(done, 1);
      },
    });
    const input = Array.from({ length: 6000 }, (_, i) => JSON.stringify({ text: `message number ${i} about my delayed flight` })).join('\n');
    const result = await runClassify(Readable.from([input]), output);
    expect(result).toEqual({ lines: 6000, errors: 0 });
    expect(total).toBeGreaterThan(800_000);
    // At most about one 64 KB chunk waits in the stream at a time.
    expect(maxBuffered).toBeLessThan(200_000);
  });

});
