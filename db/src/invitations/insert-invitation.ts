import type { Invitation, UserRole } from '../schema.ts';
import type { Database } from '../client.ts';

/** Stores an invitation by the hash of its token; returns it. Unique index on token_hash. */
export async function insertInvitation(
  db: Database,
  input: { tokenHash: string; email: string; role: UserRole; invitedBy: string | null; expiresAt: Date },
): Promise<Invitation> {
  return db
    .insertInto('invitations')
    .values({ token_hash: input.tokenHash, email: input.email.toLowerCase(), role: input.role, invited_by: input.invitedBy, expires_at: input.expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}
