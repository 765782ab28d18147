import type { UserNoticesTable } from '../schema.ts';
import type { Database, DatabaseTransaction } from '../client.ts';

/** Stores in-app notices, one per row. */
export async function insertUserNotices(
  db: Database | DatabaseTransaction,
  rows: { userId: string; kind: UserNoticesTable['kind']; mentionId: string | null; text: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('user_notices')
    .values(rows.map((r) => ({ user_id: r.userId, kind: r.kind, mention_id: r.mentionId, text: r.text })))
    .execute();
}
