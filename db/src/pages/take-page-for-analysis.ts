import { sql } from 'kysely';
import type { DatabaseTransaction } from '../client.ts';
import { incidentLockKeySql } from '../incidents/lock-brand-incidents.ts';
import type { OpenBrandIncident } from '../incidents/list-open-brand-incidents.ts';
import { rollupLockSql } from '../rollups/lock-brand-rollups.ts';
import type { SlaPolicy } from '../schema.ts';

/**
 * The first statement of the transaction that stores an analyzed page, one round trip for all
 * of: deletes the page (so a second run of the same job finds it gone and stores nothing);
 * reads the brand's SLA policy under a share lock (a policy saved concurrently is waited for, so
 * the deadlines computed now are the ones its recompute would give); takes the brand's shared
 * rollup lock before any mention is inserted; then takes the brand's shared incident lock and
 * reads its open incidents after it is granted (`lock_and_list_open_brand_incidents`, a
 * volatile function, so the read sees an incident a detection tick committed while this
 * waited). The page by primary key, the policy by `sla_policies_pkey`, the incidents by
 * `incidents_brand_idx` then the alerts' primary key.
 */
export async function takePageForAnalysis(
  trx: DatabaseTransaction,
  pageId: string,
  brandId: string,
): Promise<{ taken: boolean; policy: SlaPolicy | undefined; incidents: OpenBrandIncident[] }> {
  const result = await sql<SlaPolicy & { taken: number; locked: unknown; open_incidents: OpenBrandIncident[] }>`
    with taken as (delete from collected_pages where id = ${pageId} returning id)
    select (select count(*) from taken)::int as taken, ${rollupLockSql(brandId, 'shared')} as locked,
      lock_and_list_open_brand_incidents(${brandId}::uuid, ${incidentLockKeySql(brandId)}) as open_incidents, s.*
    from (select 1) one
    left join lateral (select * from sla_policies where brand_id = ${brandId} for share) s on true`.execute(trx);
  const { taken, locked: _locked, open_incidents: incidents, ...policy } = result.rows[0]!;
  return { taken: taken > 0, policy: policy.brand_id ? (policy as SlaPolicy) : undefined, incidents };
}
