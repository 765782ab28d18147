import type { Database } from '../client.ts';

/**
 * For each author handle, how many of their mentions of the brand are stored with
 * posted_at in [since, until). Served by `mentions_author_idx` (brand_id, author_handle, posted_at).
 */
export async function countRecentByAuthors(
  db: Database,
  brandId: string,
  handles: string[],
  since: Date,
  until?: Date,
): Promise<Map<string, number>> {
  if (handles.length === 0) return new Map();
  const rows = await db
    .selectFrom('mentions')
    .select(['author_handle', (eb) => eb.fn.countAll<number>().as('n')])
    .where('brand_id', '=', brandId)
    .where('author_handle', 'in', [...new Set(handles)])
    .where('posted_at', '>=', since)
    .$if(until !== undefined, (q) => q.where('posted_at', '<', until!))
    .groupBy('author_handle')
    .execute();
  return new Map(rows.map((r) => [r.author_handle, Number(r.n)]));
}
