import type { ReportSnapshot } from '../schema.ts';
import type { Database } from '../client.ts';

/** A stored report by id, or undefined. Primary key lookup. */
export async function findReportSnapshotById(db: Database, id: string): Promise<ReportSnapshot | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}
