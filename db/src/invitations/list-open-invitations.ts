import { sql } from 'kysely';
import type { Invitation } from '../schema.ts';
import type { Database } from '../client.ts';

/** Invitations not yet accepted, revoked or expired, newest first. invitations_created_idx. */
export async function listOpenInvitations(db: Database): Promise<Invitation[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}
