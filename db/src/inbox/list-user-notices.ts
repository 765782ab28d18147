import { sql, type SqlBool } from 'kysely';
import { brandScopeSql, type BrandScope } from '../brand-access/brand-scope.ts';
import type { Database } from '../client.ts';

/**
 * The user's newest notices (at most `limit`) and how many are unread, leaving out those about a
 * mention of a brand outside `scope`. Served by `user_notices_user_idx`; the mention by its primary key.
 */
export async function listUserNotices(db: Database, userId: string, scope: BrandScope, limit = 30) {
  const visible = sql<SqlBool>`(user_notices.mention_id is null or exists (select 1 from mentions where mentions.id = user_notices.mention_id and ${brandScopeSql(scope, 'mentions.brand_id')}))`;
  const notices = await db.selectFrom('user_notices').selectAll().where('user_id', '=', userId).where(visible).orderBy('created_at', 'desc').limit(limit).execute();
  const unread = await db
    .selectFrom('user_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where(visible)
    .executeTakeFirstOrThrow();
  return { notices, unread: Number(unread.n) };
}
