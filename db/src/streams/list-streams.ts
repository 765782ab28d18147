import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';

/** Every stream with its health, for the streams page and the scheduler. Small table: scans. */
export async function listStreams(db: Database): Promise<Stream[]> {
  return db.selectFrom('streams').selectAll().orderBy('created_at').execute();
}
