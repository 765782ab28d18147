import { sql } from 'kysely';
import { rollupLockSql } from '../rollups/lock-brand-rollups.ts';
import type { SlaPolicy } from '../schema.ts';
import type { DatabaseTransaction } from '../client.ts';

/**
 * The first statement of the transaction that stores an analyzed page: deletes the page
 * (so a second run of the same job finds it gone and stores nothing), reads the brand's SLA
 * policy under a share lock (a policy saved concurrently is waited for, so the deadlines
 * computed now are the ones its recompute would give), and takes the brand's shared rollup
 * lock before any mention is inserted. One round trip for three. The page by primary key,
 * the policy by `sla_policies_pkey`.
 */
export async function takePageForAnalysis(
  trx: DatabaseTransaction,
  pageId: string,
  brandId: string,
): Promise<{ taken: boolean; policy: SlaPolicy | undefined }> {
  const result = await sql<SlaPolicy & { taken: number; locked: unknown }>`
    with taken as (delete from collected_pages where id = ${pageId} returning id)
    select (select count(*) from taken)::int as taken, ${rollupLockSql(brandId, 'shared')} as locked, s.*
    from (select 1) one
    left join lateral (select * from sla_policies where brand_id = ${brandId} for share) s on true`.execute(trx);
  const { taken, locked: _locked, ...policy } = result.rows[0]!;
  return { taken: taken > 0, policy: policy.brand_id ? (policy as SlaPolicy) : undefined };
}
