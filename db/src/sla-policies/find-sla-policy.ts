import type { Kysely } from 'kysely';
import type { DB, SlaPolicy } from '../schema.ts';

/** The brand's SLA policy, or undefined when it has none (callers then use the defaults). Primary key lookup. */
export async function findSlaPolicy(db: Kysely<DB>, brandId: string): Promise<SlaPolicy | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('brand_id', '=', brandId).executeTakeFirst();
}
