import { describe, expect, it } from 'vitest';
import { parseBudget, parseJson, parsePollSeconds } from './stream-form.ts';

describe('parsePollSeconds', () => {
  it('turns seconds into milliseconds and blank into "not given"', () => {
    expect(parsePollSeconds(' 60 ')).toEqual({ ok: true, value: 60_000 });
    expect(parsePollSeconds('')).toEqual({ ok: true, value: undefined });
  });
  it('refuses what the API would refuse', () => {
    for (const bad of ['4', '86401', '1.5', '-10', 'abc']) expect(parsePollSeconds(bad).ok).toBe(false);
  });
});

describe('parseBudget', () => {
  it('reads a whole number, blank as no limit', () => {
    expect(parseBudget('10000')).toEqual({ ok: true, value: 10_000 });
    expect(parseBudget('0')).toEqual({ ok: true, value: 0 });
    expect(parseBudget(' ')).toEqual({ ok: true, value: null });
    expect(parseBudget('-1').ok).toBe(false);
    expect(parseBudget('1e3').ok).toBe(false);
  });
});

describe('parseJson', () => {
  it('parses JSON and explains what is wrong otherwise', () => {
    expect(parseJson('{"keywords":["acme"]}')).toEqual({ ok: true, value: { keywords: ['acme'] } });
    const bad = parseJson('{"keywords": [acme]}');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Not valid JSON: /);
    expect(parseJson('  ').ok).toBe(false);
  });
});
