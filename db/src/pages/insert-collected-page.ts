import type { CollectedMention } from '../jobs/collected-mention.ts';
import type { Database } from '../client.ts';

/** Stores a polled page until the worker has analyzed it; returns its id. */
export async function insertCollectedPage(
  db: Database,
  page: { brandId: string; streamId: string | null; platform: string; mentions: CollectedMention[] },
): Promise<string> {
  const row = await db
    .insertInto('collected_pages')
    .values({ brand_id: page.brandId, stream_id: page.streamId, platform: page.platform, mentions: JSON.stringify(page.mentions) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
