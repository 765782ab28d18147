// How report figures read on screen. Times are business minutes (the brand's open hours).

export function fmtInt(n: number | null): string {
  return n === null ? '–' : Math.round(n).toLocaleString('en');
}

export function fmtShare(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}

/** 42 → "42 min", 135 → "2.3 h", 1500 → "25 h" (business hours). */
export function fmtMinutes(n: number | null): string {
  if (n === null) return '–';
  if (n < 120) return `${Math.round(n)} min`;
  const h = n / 60;
  return `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;
}

/** Net sentiment, −1…1, as points: 0.25 → "+25". */
export function fmtNet(x: number | null): string {
  if (x === null) return '–';
  const points = Math.round(x * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)}`;
}

/** A change on the previous period: percent for counts, points for net sentiment. */
export function fmtChange(change: number | null, unit: '%' | 'pts' = '%'): string {
  if (change === null) return 'nothing to compare';
  const rounded = Math.round(change);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded)}${unit === '%' ? '%' : ' pts'}`;
}

/** "2026-W43" for the ISO week containing `date` (local calendar). */
export function isoWeekOf(date: Date): string {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  d.setUTCDate(d.getUTCDate() + 4 - day); // the week's Thursday names its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The last complete ISO week before `now`: what a Monday-morning reader wants. */
export function lastWeek(now: Date): string {
  return isoWeekOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 7));
}

/** "Mon 19 Oct" for a local YYYY-MM-DD. */
export function fmtDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}
