import { findRollupTotals, type Database } from '@earshot/db';

/** One local day's mentions by sentiment. */
export interface DailyCounts {
  /** YYYY-MM-DD in the report's time zone. */
  day: string;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

/**
 * The report's daily trend: the brand's mentions per local day of [start, end) by sentiment,
 * summed from the hour rollups (`findRollupTotals`, days derived in the brand's time zone), not
 * from `mentions`. The rollups are kept in the analyze and correction transactions, so they equal
 * a recount of `mentions` and the days add up to the headline (which the report's tests check).
 */
export async function readDailyCounts(db: Database, q: { brandId: string; start: Date; end: Date; timeZone: string }): Promise<DailyCounts[]> {
  const totals = await findRollupTotals(db, q.brandId, { from: q.start, to: q.end, groupBy: 'day', timeZone: q.timeZone });
  return totals.map((t) => ({ day: t.key ?? '', total: t.total, negative: t.negative, neutral: t.neutral, positive: t.positive }));
}

/** A period's mention counts for the headline's comparison. */
export interface PeriodCounts {
  mentions: number;
  negative: number;
  positive: number;
  complaints: number;
}

/**
 * The brand's mentions in [start, end), negative, positive and complaints, from the rollups:
 * the previous period is read without scanning its mentions.
 */
export async function readPeriodCounts(db: Database, q: { brandId: string; start: Date; end: Date }): Promise<PeriodCounts> {
  const totals = await findRollupTotals(db, q.brandId, { from: q.start, to: q.end, groupBy: 'platform' });
  const sum = (pick: (t: (typeof totals)[number]) => number) => totals.reduce((n, t) => n + pick(t), 0);
  return { mentions: sum((t) => t.total), negative: sum((t) => t.negative), positive: sum((t) => t.positive), complaints: sum((t) => t.complaint) };
}
