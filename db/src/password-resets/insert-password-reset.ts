import { sql } from 'kysely';
import type { Database } from '../client.ts';

/**
 * Stores a reset request for an enabled user and returns its id, unless the user already asked
 * `maxPerWindow` times within `windowMs` (then undefined: the mailbox is not flooded). The user's
 * row is locked first and the count runs in a later statement (a fresh snapshot under READ
 * COMMITTED), so parallel asks are counted one after the other and never pass the limit (one
 * statement alone let a fourth through when asks overlapped). Served by the users primary key
 * and password_resets_user_idx (user_id, created_at).
 */
export async function insertPasswordReset(
  db: Database,
  input: { userId: string; expiresAt: Date; maxPerWindow: number; windowMs: number },
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`select 1 from users where id = ${input.userId} for update`.execute(trx);
    const { rows } = await sql<{ id: string }>`
      insert into password_resets (user_id, expires_at)
      select ${input.userId}, ${input.expiresAt}
      where (select count(*) from password_resets
             where user_id = ${input.userId} and created_at > now() - make_interval(secs => ${input.windowMs / 1000})) < ${input.maxPerWindow}
      returning id`.execute(trx);
    return rows[0]?.id;
  });
}
