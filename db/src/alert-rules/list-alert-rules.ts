import type { Database } from '../client.ts';
import type { AlertRule } from '../schema.ts';

/** A brand's spike rules, the default one first, then oldest first. Served by `alert_rules_brand_idx`. */
export async function listAlertRules(db: Database, brandId: string): Promise<AlertRule[]> {
  return db
    .selectFrom('alert_rules')
    .selectAll()
    .where('brand_id', '=', brandId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
