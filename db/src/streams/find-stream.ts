import type { Kysely } from 'kysely';
import type { DB, Stream } from '../schema.ts';

/** The stream, or undefined. Primary key lookup. */
export async function findStreamById(db: Kysely<DB>, id: string): Promise<Stream | undefined> {
  return db.selectFrom('streams').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every stream with its health, for the streams page and the scheduler. Small table: scans. */
export async function listStreams(db: Kysely<DB>): Promise<Stream[]> {
  return db.selectFrom('streams').selectAll().orderBy('created_at').execute();
}
