import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** Every stream in `scope` with its health, for the streams page and the scheduler. Small table: scans. */
export async function listStreams(db: Database, scope: BrandScope): Promise<Stream[]> {
  return db.selectFrom('streams').selectAll().where(brandScopeSql(scope, 'streams.brand_id')).orderBy('created_at').execute();
}
