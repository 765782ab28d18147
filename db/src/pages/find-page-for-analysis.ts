import { sql } from 'kysely';
import type { CollectedPage } from '../schema.ts';
import type { Database } from '../client.ts';

/**
 * A collected page and, for each author handle on it, how many of their mentions of the brand
 * are stored with posted_at from `windowMs` before the page's earliest post: one round trip
 * instead of two. Undefined once the page has been analyzed (and deleted). The page by primary
 * key; the counts by `mentions_author_idx` (brand_id, author_handle, posted_at), the handles
 * and the start of the window computed once from the page (init plans), not per row.
 */
export async function findPageForAnalysis(
  db: Database,
  pageId: string,
  windowMs: number,
): Promise<{ page: CollectedPage; recentByAuthor: Map<string, number> } | undefined> {
  const result = await sql<CollectedPage & { recent_by_author: Record<string, number> | null }>`
    select p.*, (
      select json_object_agg(c.author_handle, c.n) from (
        select m.author_handle, count(*)::int as n
        from mentions m
        where m.brand_id = p.brand_id
          and m.author_handle = any(array(select distinct e -> 'author' ->> 'handle' from json_array_elements(p.mentions) e))
          and m.posted_at >= (select min((e ->> 'postedAt')::timestamptz) from json_array_elements(p.mentions) e)
                             - ${`${windowMs} milliseconds`}::interval
        group by m.author_handle
      ) c
    ) as recent_by_author
    from collected_pages p
    where p.id = ${pageId}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const { recent_by_author, ...page } = row;
  return { page, recentByAuthor: new Map(Object.entries(recent_by_author ?? {})) };
}
