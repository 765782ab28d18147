import type { ReportSnapshot } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** A stored report by id, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findReportSnapshotById(db: Database, id: string, scope: BrandScope): Promise<ReportSnapshot | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'reports.brand_id')).executeTakeFirst();
}
