import type { Kysely } from 'kysely';
import type { DB, ReportSnapshot } from '../schema.ts';

/** A stored report by id, or undefined. Primary key lookup. */
export async function findReportSnapshotById(db: Kysely<DB>, id: string): Promise<ReportSnapshot | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}
