import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * Stores a reset request for an enabled user and returns its id, unless the user already asked
 * `maxPerWindow` times within `windowMs` (then undefined: the mailbox is not flooded). One
 * statement, so parallel asks cannot both slip under the limit by much. Served by
 * password_resets_user_idx (user_id, created_at).
 */
export async function insertPasswordReset(
  db: Kysely<DB>,
  input: { userId: string; expiresAt: Date; maxPerWindow: number; windowMs: number },
): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    insert into password_resets (user_id, expires_at)
    select ${input.userId}, ${input.expiresAt}
    where (select count(*) from password_resets
           where user_id = ${input.userId} and created_at > now() - make_interval(secs => ${input.windowMs / 1000})) < ${input.maxPerWindow}
    returning id`.execute(db);
  return rows[0]?.id;
}
