import type { Database, DatabaseTransaction } from '../client.ts';
import type { SavedReply } from '../schema.ts';

export interface NewSavedReply {
  brandId: string | null;
  title: string;
  body: string;
  userId: string;
}

/** Stores a saved reply. The caller has checked the brand is in the user's scope. */
export async function insertSavedReply(db: Database | DatabaseTransaction, reply: NewSavedReply): Promise<SavedReply> {
  return db
    .insertInto('saved_replies')
    .values({ brand_id: reply.brandId, title: reply.title, body: reply.body, created_by: reply.userId, updated_by: reply.userId })
    .returningAll()
    .executeTakeFirstOrThrow();
}
