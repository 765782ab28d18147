import { AppError } from '../errors.ts';
import type { Invitation, User } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * Creates the invited user (with the invitation's email and role) and marks the invitation
 * used, in one transaction; returns both. The invitation row is locked, so a link used twice
 * at once creates one user. Throws NOT_FOUND for an unknown token, CONFLICT when it was used,
 * revoked or has expired, or the email already has an account. Unique index on token_hash.
 */
export async function acceptInvitation(
  db: Database,
  input: { tokenHash: string; name: string; passwordHash: string },
): Promise<{ invitation: Invitation; user: User }> {
  return db.transaction().execute(async (trx) => {
    const invitation = await trx.selectFrom('invitations').selectAll().where('token_hash', '=', input.tokenHash).forUpdate().executeTakeFirst();
    if (!invitation) throw new AppError('NOT_FOUND', 'This invitation link is not valid. Ask an admin for a new one.');
    if (invitation.accepted_at) throw new AppError('CONFLICT', 'This invitation has already been used. Sign in instead, or ask an admin for a new one.');
    if (invitation.revoked_at) throw new AppError('CONFLICT', 'This invitation was withdrawn. Ask an admin for a new one.');
    if (invitation.expires_at.getTime() <= Date.now()) throw new AppError('CONFLICT', 'This invitation has expired. Ask an admin for a new one.');
    const taken = await trx.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `${invitation.email} already has an account. Sign in instead.`);
    const user = await trx
      .insertInto('users')
      .values({ email: invitation.email, name: input.name, password_hash: input.passwordHash, role: invitation.role })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Created a moment ago by someone else (the CLI, another invitation): unique index on email.
        if ((error as { code?: unknown }).code === '23505') throw new AppError('CONFLICT', `${invitation.email} already has an account. Sign in instead.`);
        throw error;
      });
    const used = await trx
      .updateTable('invitations')
      .set({ accepted_at: new Date(), accepted_user_id: user.id })
      .where('id', '=', invitation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { invitation: used, user };
  });
}
