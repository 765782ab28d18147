import { findRollupSpan, rebuildBrandRollups, type Database } from '@earshot/db';

const DAY_MS = 86_400_000;

export interface RebuildRollupsOptions {
  /** First UTC day to recount (floored to its midnight). Default: each brand's first mention or rollup. */
  from?: Date | undefined;
  /** End of the range, exclusive (raised to the next UTC midnight). Default: the day after each brand's last. */
  to?: Date | undefined;
  /** Called once, before the first step, with how many brand-days will be recounted. */
  onPlan?: ((steps: number) => void) | undefined;
  /** Called after each brand-day is committed. */
  onStep?: ((step: RollupRebuildStep) => void) | undefined;
}

export interface RollupRebuildStep {
  brandId: string;
  /** The UTC day recounted (its midnight). */
  day: Date;
  /** Steps done so far, including this one, and how many there are. */
  done: number;
  of: number;
  mentions: number;
  minutes: number;
  hours: number;
}

export interface RollupRebuildSummary {
  brands: number;
  days: number;
  mentions: number;
}

/**
 * Recounts the named brands' rollups from `mentions`, one transaction per brand and UTC day
 * (`rebuildBrandRollups`), so live analyze jobs of a brand wait at most one day's recount and
 * an interrupted rebuild leaves every day either old or new, never half. Days with nothing to
 * count are still visited: stale rows there are deleted. Returns what was counted.
 */
export async function rebuildRollups(db: Database, brandIds: string[], options: RebuildRollupsOptions = {}): Promise<RollupRebuildSummary> {
  const plans: { brandId: string; from: number; to: number }[] = [];
  for (const brandId of brandIds) {
    const span = options.from && options.to ? undefined : await findRollupSpan(db, brandId);
    const from = options.from ?? span?.first;
    const to = options.to ?? (span ? new Date(span.last.getTime() + 1) : undefined);
    if (!from || !to) continue;
    const start = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
    const end = Math.ceil(to.getTime() / DAY_MS) * DAY_MS;
    if (end > start) plans.push({ brandId, from: start, to: end });
  }
  const of = plans.reduce((n, p) => n + (p.to - p.from) / DAY_MS, 0);
  options.onPlan?.(of);
  const summary: RollupRebuildSummary = { brands: plans.length, days: 0, mentions: 0 };
  for (const plan of plans) {
    for (let day = plan.from; day < plan.to; day += DAY_MS) {
      const outcome = await rebuildBrandRollups(db, plan.brandId, new Date(day), new Date(day + DAY_MS));
      summary.days++;
      summary.mentions += outcome.mentions;
      options.onStep?.({ brandId: plan.brandId, day: new Date(day), done: summary.days, of, ...outcome });
    }
  }
  return summary;
}
