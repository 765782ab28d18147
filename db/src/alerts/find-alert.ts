import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import { selectAlertViews, type AlertView } from './alert-view.ts';

/** One alert with its rule's name and who acted on it, or undefined (also outside `scope`). Served by the primary key. */
export async function findAlert(db: Database, id: string, scope: BrandScope): Promise<AlertView | undefined> {
  return selectAlertViews(db).where('a.id', '=', id).where(brandScopeSql(scope, 'a.brand_id')).executeTakeFirst();
}
