import type { Invitation } from '../schema.ts';
import type { Database } from '../client.ts';

/** Revokes an invitation not yet accepted; returns it, or undefined if there was none to revoke. Primary key. */
export async function revokeInvitation(db: Database, id: string): Promise<Invitation | undefined> {
  return db
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
