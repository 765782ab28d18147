import type { Stream } from '../schema.ts';
import type { Database } from '../client.ts';

/** The stream, or undefined. Primary key lookup. */
export async function findStreamById(db: Database, id: string): Promise<Stream | undefined> {
  return db.selectFrom('streams').selectAll().where('id', '=', id).executeTakeFirst();
}
