import { AppError } from '../errors.ts';
import type { User, UserRole } from '../schema.ts';
import type { Database } from '../client.ts';

export interface UserAccessChange {
  role?: UserRole | undefined;
  /** true disables (every session ends in the same transaction); false enables again. */
  disabled?: boolean | undefined;
}

/**
 * Changes a user's role and/or disables or re-enables them, and returns the user before and
 * after. Refuses (CONFLICT) to leave no active admin: the active admins' rows are locked first,
 * so two admins demoting each other at once cannot both succeed. Throws NOT_FOUND for an
 * unknown id. Primary key, and sessions_user_idx for ending sessions.
 */
export async function changeUserAccess(db: Database, id: string, change: UserAccessChange): Promise<{ before: User; after: User; sessionsEnded: number }> {
  return db.transaction().execute(async (trx) => {
    const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).forUpdate().execute();
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', `User ${id} not found.`);
    const staysActiveAdmin = (change.role ?? before.role) === 'admin' && !(change.disabled ?? before.disabled_at !== null);
    const isActiveAdmin = admins.some((a) => a.id === id);
    if (isActiveAdmin && !staysActiveAdmin && admins.length === 1) {
      throw new AppError('CONFLICT', `${before.email} is the last active admin: make another user an admin first, so someone can still manage Earshot.`);
    }
    const disabledAt = change.disabled === undefined ? before.disabled_at : change.disabled ? (before.disabled_at ?? new Date()) : null;
    const after = await trx
      .updateTable('users')
      .set({ role: change.role ?? before.role, disabled_at: disabledAt })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    let sessionsEnded = 0;
    if (after.disabled_at !== null) {
      const result = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
      sessionsEnded = Number(result.numDeletedRows);
    }
    return { before, after, sessionsEnded };
  });
}
