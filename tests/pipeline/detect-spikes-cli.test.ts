import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../app/bin/earshot.js', import.meta.url));

function detectSpikes(
  input: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'detect-spikes', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Three days of a flat 2-a-minute series with a burst of 60 at the end of the third day. */
function series(): string {
  const lines = ['timestamp,value'];
  const start = Date.UTC(2026, 2, 2);
  const minutes = 3 * 1440;
  for (let m = 0; m < minutes; m++) {
    const at = new Date(start + m * 60_000).toISOString().replace('T', ' ').replace('.000Z', '');
    lines.push(`${at},${m === minutes - 10 ? 60 : 1 + (m % 3)}`);
  }
  return lines.join('\n') + '\n';
}

describe('npx earshot detect-spikes < series.csv > judged.csv', () => {
  it('writes only the judged CSV on stdout, nothing on stderr, and exits 0', async () => {
    const input = series();
    const r = await detectSpikes(input, ['--rule', '{"windowMinutes": 30}']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n');
    const rows = input.trimEnd().split('\n');
    expect(out[0]).toBe('timestamp,value,anomaly_score,alert');
    expect(out).toHaveLength(rows.length);
    out
      .slice(1)
      .forEach((line, i) =>
        expect(line).toMatch(new RegExp(`^${rows[i + 1]},(0|1)\\.\\d{4},[01]$`)),
      );
    // The burst, ten minutes before the end, is the one alert.
    expect(out.filter((l) => l.endsWith(',1'))).toEqual([
      expect.stringMatching(/^2026-03-04 23:50:00,60,/),
    ]);
  });

  it('bad input: one line on stderr naming the row, nothing on stdout, exit 1', async () => {
    const r = await detectSpikes(
      'timestamp,value\n2026-03-02 00:00:00,3\n2026-03-02 00:01:00,many\n',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'detect-spikes: row 2 (line 3): value "many" is not a count (a number of 0 or more)\n',
    );
  });

  it('a bad rule or option: one line on stderr, exit 1', async () => {
    const bad = await detectSpikes(series(), ['--rule', '{"sensitivity": "max"}']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'detect-spikes: --rule: invalid rule: sensitivity must be one of low, balanced, high\n',
    );
    const unknown = await detectSpikes(series(), ['--window', '5']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/--window/);
  });

  /**
   * Three days at 1 minute, 9–11 mentions a minute of which about one in ten negative, then 30
   * minutes at the end where `lastTotal` and `lastNegative` give the counts.
   */
  function shareSeries(last: (m: number) => [number, number]): string {
    const lines = ['timestamp,value,total'];
    const start = Date.UTC(2026, 2, 2);
    const minutes = 3 * 1440;
    for (let m = 0; m < minutes; m++) {
      const at = new Date(start + m * 60_000).toISOString();
      const [negative, total] = m >= minutes - 30 ? last(m) : [m % 10 === 0 ? 2 : 1, 9 + (m % 3)];
      lines.push(`${at},${negative},${total}`);
    }
    return lines.join('\n') + '\n';
  }

  it('a third column "total" lets a negative_share rule judge the share: a crowd is no storm, a sour turn is', async () => {
    // Five times the traffic with the usual share of negatives (a viral good story).
    const crowd = shareSeries((m) => [m % 2 === 0 ? 5 : 6, 50]);
    // Three runs at once: each child process starts the CLI afresh, which takes a while here.
    const [share, count, sour] = await Promise.all([
      detectSpikes(crowd, ['--rule', '{"metric": "negative_share", "windowMinutes": 30}']),
      detectSpikes(crowd, ['--rule', '{"metric": "negative", "windowMinutes": 30}']),
      // The usual traffic turning sour: half of it negative.
      detectSpikes(shareSeries(() => [5, 10]), ['--rule', '{"metric": "negative_share", "windowMinutes": 30}']),
    ]);
    expect(share.stderr).toBe('');
    expect(share.code).toBe(0);
    const out = share.stdout.trimEnd().split('\n');
    expect(out[0]).toBe('timestamp,value,total,anomaly_score,alert');
    expect(out).toHaveLength(crowd.trimEnd().split('\n').length);
    expect(out.filter((l) => l.endsWith(',1'))).toEqual([]);
    // The same rows judged as a count of negatives: the crowd raises an alert (total ignored).
    expect(count.code).toBe(0);
    expect(count.stdout.trimEnd().split('\n').filter((l) => l.endsWith(',1'))).toHaveLength(1);

    expect(sour.code).toBe(0);
    const alerts = sour.stdout.trimEnd().split('\n').filter((l) => l.endsWith(',1'));
    expect(alerts).toHaveLength(1);
    // Within 5 minutes of the turn (2026-03-04 23:30).
    expect(alerts[0]).toMatch(/^2026-03-04T23:3[0-4]:00\.000Z,5,10,/);
  }, 180_000);

  it('bad totals: one line naming the row, exit 1; negative_share without totals says what to add', async () => {
    const [more, missing, noTotals] = await Promise.all([
      detectSpikes('timestamp,value,total\n2026-03-02 00:00:00,3,5\n2026-03-02 00:01:00,6,4\n'),
      detectSpikes('timestamp,value,total\n2026-03-02 00:00:00,3\n'),
      detectSpikes(series(), ['--rule', '{"metric": "negative_share"}']),
    ]);
    expect(more.code).toBe(1);
    expect(more.stdout).toBe('');
    expect(more.stderr).toBe(
      'detect-spikes: row 2 (line 3): value 6 is more than total 4; total counts all mentions of the row, value the negative ones among them\n',
    );
    expect(missing.stderr).toBe('detect-spikes: row 1 (line 2): expected 3 fields (timestamp,value,total), found 2: "2026-03-02 00:00:00,3"\n');
    expect(noTotals.code).toBe(1);
    expect(noTotals.stderr).toMatch(/^detect-spikes: --rule: metric "negative_share" judges negative mentions against all mentions: add a third column "total"/);
    expect(noTotals.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 180_000);
});
