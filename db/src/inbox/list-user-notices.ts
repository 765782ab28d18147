import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** The user's newest notices (at most `limit`) and how many are unread. Served by `user_notices_user_idx`. */
export async function listUserNotices(db: Kysely<DB>, userId: string, limit = 30) {
  const notices = await db.selectFrom('user_notices').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
  const unread = await db
    .selectFrom('user_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { notices, unread: Number(unread.n) };
}
