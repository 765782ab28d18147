import type { Database } from '../client.ts';

/** Names of the given users by id (users that no longer exist are absent). Primary key lookups. */
export async function listUserNames(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}
