import type { Database } from '../client.ts';
import type { Alert } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/**
 * Open alerts of brands in `scope`, newest first (alerts without a brand only for an unlimited
 * scope). `alerts_open_created_idx` (partial: open alerts only, newest first): the resolved
 * history, which grows, is never read.
 */
export async function listOpenAlerts(db: Database, scope: BrandScope): Promise<Alert[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('resolved_at', 'is', null)
    .where(brandScopeSql(scope, 'alerts.brand_id'))
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}
