import { sql, type Kysely } from 'kysely';
import type { DB, Invitation } from '../schema.ts';

/** Invitations not yet accepted, revoked or expired, newest first. invitations_created_idx. */
export async function listOpenInvitations(db: Kysely<DB>): Promise<Invitation[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}
