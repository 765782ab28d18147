import type { SlaPolicy } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * The brand's SLA policy, or undefined when it has none (callers then use the defaults).
 * Primary key lookup. With `forShare` inside a transaction, a policy being saved
 * concurrently is waited for, so mentions stored now get the deadline its recompute gives.
 */
export async function findSlaPolicy(
  db: Database,
  brandId: string,
  options: { forShare?: boolean } = {},
): Promise<SlaPolicy | undefined> {
  const query = db.selectFrom('sla_policies').selectAll().where('brand_id', '=', brandId);
  return (options.forShare ? query.forShare() : query).executeTakeFirst();
}
