import { describe, expect, it } from 'vitest';
import { MONDAY, negBinSample, seededRandom, weeklyRhythm } from '../spikes/synthetic-series.ts';
import { parseTimestamp, runDetectSpikes } from './run-detect-spikes.ts';

const MINUTE = 60_000;

/** A `timestamp,value` CSV: `days` of a weekly rhythm at `stepMinutes`, with a 4× storm at `stormAt`. */
function seriesCsv(options: {
  days: number;
  stepMinutes: number;
  peakPerHour: number;
  seed: number;
  stormAt?: number;
  format?: (at: number) => string;
}): string {
  const random = seededRandom(options.seed);
  const step = options.stepMinutes * MINUTE;
  const format =
    options.format ??
    ((at: number) => new Date(at).toISOString().replace('T', ' ').replace('.000Z', ''));
  const lines = ['timestamp,value'];
  for (let at = MONDAY; at < MONDAY + options.days * 1440 * MINUTE; at += step) {
    let mean = (weeklyRhythm(at, options.peakPerHour) * options.stepMinutes) / 60;
    if (
      options.stormAt !== undefined &&
      at >= options.stormAt &&
      at < options.stormAt + 30 * MINUTE
    )
      mean *= 4;
    lines.push(`${format(at)},${negBinSample(random, mean, 0.02)}`);
  }
  return lines.join('\n') + '\n';
}

function judged(output: string): { header: string; rows: string[][] } {
  const [header, ...rows] = output.trimEnd().split('\n');
  return { header: header!, rows: rows.map((r) => r.split(',')) };
}

describe('earshot detect-spikes: the CSV contract', () => {
  it('returns every input row unchanged plus anomaly_score (0–1) and alert (0/1), and alerts the storm', () => {
    const stormAt = MONDAY + 15 * 1440 * MINUTE + 14 * 60 * MINUTE;
    const csv = seriesCsv({ days: 16, stepMinutes: 1, peakPerHour: 240, seed: 1, stormAt });
    const result = runDetectSpikes(csv);
    if (!result.ok) throw new Error(result.message);
    const input = csv.trimEnd().split('\n');
    const { header, rows } = judged(result.output);
    expect(header).toBe('timestamp,value,anomaly_score,alert');
    expect(rows).toHaveLength(input.length - 1);
    rows.forEach((row, i) => {
      expect(row.slice(0, 2).join(',')).toBe(input[i + 1]);
      const score = Number(row[2]);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(['0', '1']).toContain(row[3]);
    });
    const alerts = rows
      .filter((r) => r[3] === '1')
      .map((r) => Date.parse(`${r[0]!.replace(' ', 'T')}Z`));
    expect(alerts).toHaveLength(1);
    expect((alerts[0]! - stormAt) / MINUTE).toBeGreaterThanOrEqual(0);
    expect((alerts[0]! - stormAt) / MINUTE).toBeLessThanOrEqual(5);
    expect(result).toMatchObject({ rows: rows.length, alerts: 1 });
  });

  it('infers 5-minute and hourly intervals and reads ISO 8601 with Z or an offset', () => {
    const stormAt = MONDAY + 15 * 1440 * MINUTE + 14 * 60 * MINUTE;
    for (const [stepMinutes, format] of [
      [5, (at: number) => new Date(at).toISOString()],
      [60, (at: number) => new Date(at + 2 * 3_600_000).toISOString().replace('.000Z', '+02:00')],
    ] as const) {
      const csv = seriesCsv({ days: 16, stepMinutes, peakPerHour: 240, seed: 2, stormAt, format });
      const result = runDetectSpikes(csv);
      if (!result.ok) throw new Error(result.message);
      const { rows } = judged(result.output);
      const alerted = rows.filter((r) => r[3] === '1').map((r) => parseTimestamp(r[0]!)!);
      expect(alerted).toHaveLength(1);
      // The first step that holds storm traffic, or the next one.
      expect((alerted[0]! - stormAt) / MINUTE).toBeGreaterThanOrEqual(0);
      expect((alerted[0]! - stormAt) / MINUTE).toBeLessThanOrEqual(2 * stepMinutes);
    }
  });

  it('allows a missing interval and tolerates a CRLF file with a byte-order mark', () => {
    const csv =
      '\uFEFFtimestamp,value\r\n2026-03-02 00:00:00,3\r\n2026-03-02 00:05:00,4\r\n2026-03-02 00:15:00,2\r\n';
    const result = runDetectSpikes(csv);
    expect(result).toEqual({
      ok: true,
      rows: 3,
      alerts: 0,
      output:
        'timestamp,value,anomaly_score,alert\n2026-03-02 00:00:00,3,0.0000,0\n2026-03-02 00:05:00,4,0.0000,0\n2026-03-02 00:15:00,2,0.0000,0\n',
    });
  });

  it('takes a rule: a stricter rule alerts no more than the default, a more sensitive one no less', () => {
    const csv = seriesCsv({
      days: 10,
      stepMinutes: 1,
      peakPerHour: 120,
      seed: 3,
      stormAt: MONDAY + 9 * 1440 * MINUTE + 15 * 60 * MINUTE,
    });
    const count = (rule?: string) => {
      const r = runDetectSpikes(csv, rule);
      if (!r.ok) throw new Error(r.message);
      return r.alerts;
    };
    const balanced = count();
    expect(count('{"sensitivity":"low","minCount":1000}')).toBe(0);
    expect(count('{"sensitivity":"high"}')).toBeGreaterThanOrEqual(balanced);
  });
});

describe('earshot detect-spikes: causality', () => {
  it('the output for row N does not change when any row after N changes', () => {
    const stormAt = MONDAY + 4 * 1440 * MINUTE + 14 * 60 * MINUTE;
    const csv = seriesCsv({ days: 5, stepMinutes: 1, peakPerHour: 180, seed: 4, stormAt });
    const full = runDetectSpikes(csv);
    if (!full.ok) throw new Error(full.message);
    const lines = csv.trimEnd().split('\n');
    const out = full.output.trimEnd().split('\n');
    const alertRow = out.findIndex((l) => l.endsWith(',1'));
    expect(alertRow).toBeGreaterThan(0);
    const random = seededRandom(99);
    // Cut points: before, at and just after the alert, and elsewhere.
    for (const n of [200, alertRow - 1, alertRow, alertRow + 3, lines.length - 50]) {
      // Rows after n: a big storm, zeros, noise — and in another run, cut off entirely.
      const changed = lines.map((line, i) =>
        i <= n ? line : `${line.split(',')[0]},${Math.floor(random() * 80)}`,
      );
      const truncated = lines.slice(0, n + 1);
      for (const variant of [changed, truncated]) {
        const r = runDetectSpikes(variant.join('\n') + '\n');
        if (!r.ok) throw new Error(r.message);
        expect(r.output.split('\n').slice(0, n + 1)).toEqual(out.slice(0, n + 1));
      }
    }
  });
});

describe('earshot detect-spikes: bad input', () => {
  const good = [
    'timestamp,value',
    '2026-03-02 00:00:00,3',
    '2026-03-02 00:01:00,4',
    '2026-03-02 00:02:00,2',
  ];
  const withRow = (i: number, text: string) => good.map((l, j) => (j === i ? text : l)).join('\n');
  const cases: [string, string, RegExp][] = [
    [
      'a wrong header',
      ['time,count', ...good.slice(1)].join('\n'),
      /^line 1: expected the header "timestamp,value" \(or "timestamp,value,total"\), found "time,count"$/,
    ],
    [
      'a timestamp that is not one',
      withRow(2, 'yesterday,4'),
      /^row 2 \(line 3\): "yesterday" is not a timestamp/,
    ],
    [
      'an impossible date',
      withRow(2, '2026-02-30 00:01:00,4'),
      /^row 2 \(line 3\): "2026-02-30 00:01:00" is not a timestamp/,
    ],
    [
      'a negative count',
      withRow(3, '2026-03-02 00:02:00,-2'),
      /^row 3 \(line 4\): value "-2" is not a count/,
    ],
    [
      'an empty value',
      withRow(1, '2026-03-02 00:00:00,'),
      /^row 1 \(line 2\): value "" is not a count/,
    ],
    [
      'a missing field',
      withRow(2, '2026-03-02 00:01:00'),
      /^row 2 \(line 3\): expected 2 fields \(timestamp,value\), found 1/,
    ],
    [
      'rows out of order',
      withRow(3, '2026-03-02 00:00:30,2'),
      /^row 3 \(line 4\): timestamp 2026-03-02 00:00:30 is not after the previous row's/,
    ],
    [
      'a duplicate timestamp',
      withRow(2, '2026-03-02 00:00:00,4'),
      /^row 2 \(line 3\): timestamp .* is not after/,
    ],
    [
      'an irregular interval',
      [...good, '2026-03-02 00:03:00,1', '2026-03-02 00:04:30,1'].join('\n'),
      /^row 5 \(line 6\): 90 s after the previous row, which is not a whole number of the series' interval \(1 min\)/,
    ],
  ];
  for (const [name, csv, message] of cases) {
    it(`rejects ${name} with one line naming the row`, () => {
      const result = runDetectSpikes(csv);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(message);
        expect(result.message).not.toContain('\n');
      }
    });
  }

  it('rejects a bad rule, and the share metric on a series without totals', () => {
    expect(runDetectSpikes(good.join('\n'), '{"windowMinutes": 3}')).toEqual({
      ok: false,
      message: '--rule: invalid rule: windowMinutes must be at least 5',
    });
    expect(runDetectSpikes(good.join('\n'), '{"metric": "negative_share"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^--rule: metric "negative_share" judges negative mentions against all mentions: add a third column "total"/,
      ),
    });
  });
});
