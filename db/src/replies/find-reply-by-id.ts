import type { Reply } from '../schema.ts';
import type { Database } from '../client.ts';

/** The reply, or undefined. Primary key lookup. */
export async function findReplyById(db: Database, id: string): Promise<Reply | undefined> {
  return db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst();
}
