import type { Kysely } from 'kysely';
import type { DB, Invitation } from '../schema.ts';

/** Revokes an invitation not yet accepted; returns it, or undefined if there was none to revoke. Primary key. */
export async function revokeInvitation(db: Kysely<DB>, id: string): Promise<Invitation | undefined> {
  return db
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
