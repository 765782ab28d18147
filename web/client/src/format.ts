import type { MentionDto } from '../../src/api/contract.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  if (ms < MINUTE) return `${String(Math.floor(ms / 1000))}s`;
  if (ms < HOUR) return `${String(Math.floor(ms / MINUTE))}m`;
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return m === 0 ? `${String(h)}h` : `${String(h)}h ${String(m)}m`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  return h === 0 ? `${String(d)}d` : `${String(d)}d ${String(h)}h`;
}

export type Urgency = 'overdue' | 'soon' | 'later';

/** "12m left" / "overdue 3m", and how urgent that is. "soon" = under 15 minutes left. */
export function timeLeft(dueAt: string, now: number): { label: string; urgency: Urgency } {
  const ms = Date.parse(dueAt) - now;
  if (ms <= 0) return { label: `overdue ${span(-ms)}`, urgency: 'overdue' };
  return { label: `${span(ms)} left`, urgency: ms < 15 * MINUTE ? 'soon' : 'later' };
}

/** "5m ago" for times in the past, used for when a mention was posted or a reply sent. */
export function timeAgo(at: string, now: number): string {
  const ms = now - Date.parse(at);
  if (ms < 30_000) return 'just now';
  return `${span(Math.max(ms, 0))} ago`;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens text for the inbox list without splitting an emoji or a combining sequence.
 * Returns the text unchanged when it is short enough.
 */
export function truncate(text: string, maxGraphemes: number): string {
  // Cheap exit: a string with no more UTF-16 units than the limit has no more graphemes.
  if (text.length <= maxGraphemes) return text;
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (count === maxGraphemes) return out.trimEnd() + '…';
    out += segment;
    count += 1;
  }
  return out;
}

/** Characters as a person counts them (graphemes), for the reply composer. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

const PLATFORM_LABELS: Record<string, string> = {
  x: 'X',
  reddit: 'Reddit',
  demo: 'Demo',
  bluesky: 'Bluesky',
};

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? platform;
}

/**
 * Only http(s) links from platform data become clickable; anything else (javascript:,
 * data:, malformed) is dropped, since mention URLs come from outside.
 */
export function safeExternalUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export function formatCount(n: number): string {
  return compact.format(n);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export function formatDateTime(at: string): string {
  return dateTime.format(new Date(at));
}

/** The API's inbox order: earliest deadline first, then id. */
export function compareMentions(a: MentionDto, b: MentionDto): number {
  const byDue = Date.parse(a.slaDueAt) - Date.parse(b.slaDueAt);
  if (byDue !== 0) return byDue;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Merges fresh mentions into a list: fresh copies replace stale ones, order is kept. */
export function mergeMentions(current: MentionDto[], fresh: MentionDto[]): MentionDto[] {
  if (fresh.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of fresh) byId.set(m.id, m);
  return [...byId.values()].sort(compareMentions);
}

export { hasHiddenCharacters } from '../../src/api/text-rules.ts';

/** A length of time in its largest sensible units: "45s", "5m", "1h 30m". */
export function formatDuration(ms: number): string {
  return span(Math.max(ms, 0));
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
/** Local wall-clock time, "14:05"; the date too when it is not today. */
export function formatClock(at: string, now: number): string {
  const date = new Date(at);
  return new Date(now).toDateString() === date.toDateString() ? clock.format(date) : dateTime.format(date);
}

const whole = new Intl.NumberFormat();
export function formatNumber(n: number): string {
  return whole.format(n);
}

/** 0…1 as a whole percentage, "87%". */
export function formatPercent(share: number): string {
  return `${String(Math.round(share * 100))}%`;
}
