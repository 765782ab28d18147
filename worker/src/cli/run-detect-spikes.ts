import {
  parseSpikeRule,
  resolveSpikeRule,
  SeriesDetector,
  type SpikeRule,
} from '../spikes/index.ts';

// `earshot detect-spikes`: the live detector run over a CSV series, so anyone can judge it on
// their own data. Pure text in, text out; app/src/cli.ts does the stdin/stdout/exit code.

export type DetectSpikesResult =
  { ok: true; output: string; rows: number; alerts: number } | { ok: false; message: string };

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A step may sit this far (as a share of the interval) off the grid and still count as regular. */
const GRID_TOLERANCE = 0.02;

/**
 * Reads an ISO 8601 timestamp or `YYYY-MM-DD HH:MM:SS` (UTC unless it carries an offset).
 * Returns ms since the epoch or null when it is not one.
 */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second) +
    (fraction ? Math.round(Number(fraction) * 1000) : 0);
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over to March; a real calendar date reads back unchanged.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return utc - offsetMinutes * 60_000;
}

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

interface Row {
  line: number;
  text: string;
  at: number;
  value: number;
  /** All mentions of the row (the optional third column); negative_share rules judge value against it. */
  total?: number;
}

/**
 * Judges a `timestamp,value` CSV series (or `timestamp,value,total`: a negative_share rule judges
 * value, the negative mentions, against total, all mentions; other rules ignore total) with the rule (JSON text; the balanced default rule
 * when absent). Returns the input rows with `anomaly_score` and `alert` appended, or the
 * first problem as one message naming its row and line.
 */
export function runDetectSpikes(csv: string, ruleJson?: string): DetectSpikesResult {
  let rule: SpikeRule = resolveSpikeRule();
  if (ruleJson !== undefined) {
    const parsed = parseSpikeRule(ruleJson);
    if (!parsed.ok) return { ok: false, message: `--rule: ${parsed.message}` };
    rule = parsed.rule;
  }
  const lines = csv.replace(/^\uFEFF/, '').split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '');
  const columns = header.split(',').map((c) => unquote(c).toLowerCase());
  const withTotal = columns.length === 3 && columns[2] === 'total';
  if ((columns.length !== 2 && !withTotal) || columns[0] !== 'timestamp' || columns[1] !== 'value') {
    return {
      ok: false,
      message: `line 1: expected the header "timestamp,value" (or "timestamp,value,total"), found "${header.slice(0, 80)}"`,
    };
  }
  if (rule.metric === 'negative_share' && !withTotal) {
    return {
      ok: false,
      message:
        '--rule: metric "negative_share" judges negative mentions against all mentions: add a third column "total" (all mentions of each row; value holds the negative ones), or judge the negative count alone (metric "negative")',
    };
  }
  const fieldCount = withTotal ? 3 : 2;
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    if (text.trim() === '') continue;
    const where = `row ${rows.length + 1} (line ${i + 1})`;
    const fields = text.split(',');
    if (fields.length !== fieldCount)
      return {
        ok: false,
        message: `${where}: expected ${fieldCount} fields (${withTotal ? 'timestamp,value,total' : 'timestamp,value'}), found ${fields.length}: "${text.slice(0, 80)}"`,
      };
    const at = parseTimestamp(unquote(fields[0]!));
    if (at === null)
      return {
        ok: false,
        message: `${where}: "${unquote(fields[0]!).slice(0, 40)}" is not a timestamp; use ISO 8601 (2026-03-01T14:05:00Z) or 2026-03-01 14:05:00 (UTC)`,
      };
    const raw = unquote(fields[1]!);
    const value = NUMBER.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value))
      return {
        ok: false,
        message: `${where}: value "${raw.slice(0, 40)}" is not a count (a number of 0 or more)`,
      };
    let total: number | undefined;
    if (withTotal) {
      const rawTotal = unquote(fields[2]!);
      total = NUMBER.test(rawTotal) ? Number(rawTotal) : Number.NaN;
      if (!Number.isFinite(total))
        return {
          ok: false,
          message: `${where}: total "${rawTotal.slice(0, 40)}" is not a count (a number of 0 or more)`,
        };
      if (value > total)
        return {
          ok: false,
          message: `${where}: value ${raw} is more than total ${rawTotal}; total counts all mentions of the row, value the negative ones among them`,
        };
    }
    const previous = rows.at(-1);
    if (previous && at <= previous.at) {
      return {
        ok: false,
        message: `${where}: timestamp ${unquote(fields[0]!)} is not after the previous row's; rows must be in time order, one per interval`,
      };
    }
    rows.push({ line: i + 1, text, at, value, ...(total !== undefined ? { total } : {}) });
  }
  const interval = inferInterval(rows);
  if (rows.length > 1) {
    for (let i = 1; i < rows.length; i++) {
      const steps = (rows[i]!.at - rows[i - 1]!.at) / interval;
      if (Math.abs(steps - Math.round(steps)) > GRID_TOLERANCE) {
        return {
          ok: false,
          message: `row ${i + 1} (line ${rows[i]!.line}): ${describeMs(rows[i]!.at - rows[i - 1]!.at)} after the previous row, which is not a whole number of the series' interval (${describeMs(interval)}); rows must be one interval apart (a missing interval is allowed)`,
        };
      }
    }
  }
  const detector = new SeriesDetector(interval, rule);
  const out: string[] = [`${header},anomaly_score,alert`];
  let alerts = 0;
  const origin = rows[0]?.at ?? 0;
  for (const row of rows) {
    // Snap to the grid so a timestamp a few seconds off does not count as a new interval.
    const at = origin + Math.round((row.at - origin) / interval) * interval;
    const judged = detector.push(at, row.value, rule.metric === 'negative_share' ? row.total : undefined);
    if (judged.alert) alerts++;
    out.push(`${row.text},${judged.score.toFixed(4)},${judged.alert ? 1 : 0}`);
  }
  return { ok: true, output: out.join('\n') + '\n', rows: rows.length, alerts };
}

/** The most common gap between consecutive rows (a missing row makes one gap twice as long). */
function inferInterval(rows: Row[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.at - rows[i - 1]!.at;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 60_000;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

function describeMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
