import type { Invitation } from '../schema.ts';
import type { Database } from '../client.ts';

/** The invitation with this token hash, whatever its state, or undefined. Unique index on token_hash. */
export async function findInvitationByToken(db: Database, tokenHash: string): Promise<Invitation | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
