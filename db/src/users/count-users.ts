import type { Database } from '../client.ts';

/** How many users exist: zero means the first start has not created the admin yet. Full scan, bounded by the team's size. */
export async function countUsers(db: Database): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
