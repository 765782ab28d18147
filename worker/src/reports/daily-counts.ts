import type { ResponseCounts } from '@earshot/db';

/** One local day's mentions by sentiment. */
export interface DailyCounts {
  /** Index into the period's days. */
  day: number;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

/**
 * The report's daily trend: mentions per local day by sentiment. Summed from the same scan as
 * every other count (`countPeriodResponses` groups by day too), so the days add up to the
 * headline by construction, and the report reads a brand-week once. This is the one place to
 * change to read hour rollups instead: sum `rollup_hours` by `width_bucket` over the period's
 * local midnights — but rollups bumped at insert do not follow agents' sentiment corrections,
 * so the days would then disagree with the headline after a correction.
 */
export function dailyCounts(counts: readonly ResponseCounts[]): DailyCounts[] {
  const days = new Map<number, DailyCounts>();
  for (const c of counts) {
    const d = days.get(c.day) ?? { day: c.day, total: 0, negative: 0, neutral: 0, positive: 0 };
    d.total += c.mentions;
    d.negative += c.negative;
    d.neutral += c.neutral;
    d.positive += c.positive;
    days.set(c.day, d);
  }
  return [...days.values()].sort((a, b) => a.day - b.day);
}
