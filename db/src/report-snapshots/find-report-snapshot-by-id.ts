import type { Kysely } from 'kysely';
import type { DB, ReportSnapshot } from '../schema.ts';

/** One stored report, or undefined. Primary key. */
export async function findReportSnapshotById(db: Kysely<DB>, id: string): Promise<ReportSnapshot | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}
