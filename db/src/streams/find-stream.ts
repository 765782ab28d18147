import type { Kysely } from 'kysely';
import type { DB, Stream } from '../schema.ts';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';

/** The stream, or undefined (also when its brand is outside `scope`). Primary key lookup. */
export async function findStreamById(db: Kysely<DB>, id: string, scope: BrandScope): Promise<Stream | undefined> {
  return db.selectFrom('streams').selectAll().where('id', '=', id).where(brandScopeSql(scope, 'streams.brand_id')).executeTakeFirst();
}

/** Every stream in `scope` with its health, for the streams page and the scheduler. Small table: scans. */
export async function listStreams(db: Kysely<DB>, scope: BrandScope): Promise<Stream[]> {
  return db.selectFrom('streams').selectAll().where(brandScopeSql(scope, 'streams.brand_id')).orderBy('created_at').execute();
}
