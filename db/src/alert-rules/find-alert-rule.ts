import type { Database } from '../client.ts';
import type { AlertRule } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** One spike rule by id, or undefined (also when its brand is outside `scope`). Served by the primary key. */
export async function findAlertRule(db: Database, id: string, scope: BrandScope): Promise<AlertRule | undefined> {
  return db.selectFrom('alert_rules').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'alert_rules.brand_id')).executeTakeFirst();
}
