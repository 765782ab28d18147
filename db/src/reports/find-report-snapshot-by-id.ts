import type { Kysely } from 'kysely';
import type { DB, ReportSnapshot } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** A stored report by id, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findReportSnapshotById(db: Kysely<DB>, id: string, scope: BrandScope): Promise<ReportSnapshot | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'reports.brand_id')).executeTakeFirst();
}
