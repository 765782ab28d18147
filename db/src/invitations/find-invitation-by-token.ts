import type { Kysely } from 'kysely';
import type { DB, Invitation } from '../schema.ts';

/** The invitation with this token hash, whatever its state, or undefined. Unique index on token_hash. */
export async function findInvitationByToken(db: Kysely<DB>, tokenHash: string): Promise<Invitation | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
