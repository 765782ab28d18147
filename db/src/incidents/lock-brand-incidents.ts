import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Orders, per brand, storing mentions against opening an incident, until the transaction ends:
 * the analyze transaction takes it shared before it reads the open incidents, the detection
 * tick exclusive before it groups an alert's mentions. Either the tick waits for the page's
 * commit and then reads its mentions, or the page waits for the incident's commit and then
 * joins it; without it, a page committed while the tick ran would belong to neither. A
 * transaction-level advisory lock (no table, no index).
 */
export async function lockBrandIncidents(db: Database, brandId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = incidentLockKeySql(brandId);
  await (mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${key})` : sql`select pg_advisory_xact_lock(${key})`).execute(db);
}

/** The brand's incident lock key as an expression, for statements that take it along with other work. */
export function incidentLockKeySql(brandId: string): RawBuilder<unknown> {
  return sql`hashtextextended(${`incidents:${brandId}`}, 0)`;
}
